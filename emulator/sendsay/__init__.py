"""The Sendsay emulator: wire envelope, accounts and sessions, one handler module per section."""

from .emulator import SendsayEmulator
from .state import Account, Member

__all__ = ["Account", "Member", "SendsayEmulator"]
