"""Text front ends: the terminal player, the explorer and the story map, all over the same engine."""
