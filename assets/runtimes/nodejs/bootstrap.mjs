// TEMPORARY: being replaced by the full bootstrap.
