"""On the List: an educational narrative game about China's social credit system."""

__version__ = "0.1.0"
