"""Following improvement points through later inspections: the trail of each point."""
