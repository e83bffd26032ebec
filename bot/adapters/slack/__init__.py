"""Slack: the same intake, suggestions and tickets as the portal, as a Slack app (Bolt).

Build it with :func:`bot.adapters.slack.app.build_slack`; nothing here runs at import.
"""
