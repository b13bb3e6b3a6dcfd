"""examready."""
