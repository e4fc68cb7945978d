"""Default content of a new project: the standard channels in German and English."""

from __future__ import annotations

from cxstudio.model.entities import Channel, ChannelKind

# key, kind, icon, English name, German name
DEFAULT_CHANNELS: tuple[tuple[str, ChannelKind, str, str, str], ...] = (
    ("website", ChannelKind.ONLINE, "globe", "Website", "Website"),
    ("app", ChannelKind.ONLINE, "smartphone", "Mobile app", "Mobile App"),
    ("email", ChannelKind.ONLINE, "mail", "E-mail", "E-Mail"),
    ("chatbot", ChannelKind.ONLINE, "chat", "Chat / chatbot", "Chat / Chatbot"),
    ("social", ChannelKind.ONLINE, "share", "Social media", "Social Media"),
    ("phone", ChannelKind.HYBRID, "phone", "Call centre", "Callcenter"),
    ("store", ChannelKind.OFFLINE, "store", "Store / branch", "Filiale"),
    ("letter", ChannelKind.OFFLINE, "letter", "Letter", "Brief"),
    ("advertising", ChannelKind.OFFLINE, "megaphone", "Advertising", "Werbung"),
    ("field_sales", ChannelKind.OFFLINE, "person", "Field sales visit", "Außendienstbesuch"),
)


def default_channels(language: str) -> list[Channel]:
    """The default channels named in `language` ('de' or 'en'), in display order."""
    german = language == "de"
    return [
        Channel(name=de if german else en, kind=kind.value, icon=icon, order=position)
        for position, (_key, kind, icon, en, de) in enumerate(DEFAULT_CHANNELS)
    ]
