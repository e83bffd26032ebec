"""The analysts' console: sign-in, live queue, takeover and ticket work, audit trail."""
