"""The pygame front end: draws the engine's state and turns input into engine commands."""
