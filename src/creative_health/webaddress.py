"""Which web addresses point at a private or local machine rather than a public site.

Used by the schema's ``uri`` check (a provider file cannot link to one) and by the
weekly link checker (it never connects to one, and re-checks every redirect target).
A host is refused when it is, or is written to look like, an address no visitor could
reach: loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16, which holds
the cloud metadata service, and fe80::/10), unspecified, carrier-grade NAT, multicast,
reserved or documentation ranges (anything ``ipaddress`` does not call global), and
the names ``localhost``, ``*.localhost``, ``*.local``, ``*.internal`` (which holds
``metadata.google.internal``) and similar.

IPv4 addresses are read the way browsers read them (the WHATWG URL standard), so
``http://2130706433/``, ``http://0x7f.1/`` and ``http://0177.0.0.1/`` are all
127.0.0.1, and an IPv6 address that carries an IPv4 one (``::ffff:127.0.0.1``) is
judged by the IPv4 address inside it.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import urlsplit

# Names that only ever mean a machine on the local network or the host itself.
LOCAL_NAMES = frozenset({"localhost", "metadata", "instance-data", "metadata.google.internal"})
LOCAL_SUFFIXES = (
    ".localhost",
    ".local",
    ".internal",
    ".localdomain",
    ".home.arpa",
    ".lan",
    ".intranet",
)
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def _ipv4_part(text: str) -> int | None:
    """One dotted part as the URL standard reads it: 0x.. hex, 0.. octal, else decimal."""
    if not text:
        return None
    base = 10
    if text[:2].lower() == "0x":
        text, base = text[2:], 16
        if not text:
            return 0
    elif len(text) > 1 and text[0] == "0":
        text, base = text[1:], 8
    digits = "0123456789abcdef"[:base]
    if not all(char in digits for char in text.lower()):
        return None
    return int(text, base)


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a browser would connect to for ``host``, if it is one."""
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_ipv4_part(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    number = values[-1]
    for index, value in enumerate(values[:-1]):
        number += value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            return None
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in ipaddress.IPv6Network("64:ff9b::/96"):
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)  # NAT64
        return inner or address
    return parse_ipv4(host)


def normal_host(host: str) -> str:
    """The host as a browser would look it up: compatibility forms folded, lower case,
    without a trailing dot."""
    host = unicodedata.normalize("NFKC", host).translate(_DOTS).casefold()
    return host.rstrip(".") if host != "." else host


def local_host_reason(host: str) -> str | None:
    """Why ``host`` is not a public web host ("a loopback address"), or None if it is."""
    host = normal_host(host)
    if not host:
        return None
    address = _ip(host)
    if address is not None:
        if address.is_loopback:
            return "a loopback address (this computer)"
        if address.is_unspecified:
            return "an unspecified address"
        if address.is_link_local:
            return "a link-local address (such as a cloud metadata service)"
        if address.is_private:
            return "a private network address"
        if not address.is_global or address.is_multicast:
            return "a reserved address"
        return None
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        return "a local network name"
    return None


def local_url_reason(url: str) -> str | None:
    """Why the web address ``url`` points at a private or local host, or None."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return local_host_reason(host) if host else None
