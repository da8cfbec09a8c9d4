"""Published form versions, surveys with every revision kept, conflicts and review decisions."""
