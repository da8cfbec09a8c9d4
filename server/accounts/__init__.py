"""Users with a role (agent, coordinator scoped to regions, admin), their devices and the
one-time enrollment codes that turn into device tokens."""
