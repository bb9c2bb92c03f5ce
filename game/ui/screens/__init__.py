"""The screens: each module builds one screen (or a few closely related ones) from the engine's state."""
