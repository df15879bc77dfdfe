"""`/api/v1/me/messages`: threads with each linked clinician (or, for a clinician, patient)."""

from __future__ import annotations

from fastapi import APIRouter

from midback.services import messages
from midback.web.accounts_schemas import error_responses
from midback.web.deps import CurrentUser, StorageDep
from midback.web.forms import PathId
from midback.web.messages_schemas import ConversationOut, MessageIn, MessageOut, ThreadOut

router = APIRouter(
    prefix="/api/v1/me/messages", tags=["messages"], responses=error_responses(401, 404)
)


@router.get("", response_model=list[ThreadOut])
def list_threads(user: CurrentUser, storage: StorageDep) -> list[ThreadOut]:
    """Your open threads (one per active clinician link) with their unread counts."""
    found = messages.threads(storage.unit_of_work(read_only=True), user)
    return [ThreadOut.of(t) for t in found]


@router.get("/{other_user_id}", response_model=ConversationOut)
def read_thread(other_user_id: PathId, user: CurrentUser, storage: StorageDep) -> ConversationOut:
    """The thread with a linked person, oldest first; reading it marks their messages read.

    404 unless the two of you are linked now (whoever the other id belongs to).
    """
    return ConversationOut.of(messages.open_thread(storage.unit_of_work(), user, other_user_id))


@router.post("/{other_user_id}", status_code=201, response_model=MessageOut)
def send_message(
    other_user_id: PathId, body: MessageIn, user: CurrentUser, storage: StorageDep
) -> MessageOut:
    """Write to a linked person (422 for an empty or over-long text; 404 unless linked)."""
    sent = messages.send(storage.unit_of_work(), user, other_user_id, body.body)
    return MessageOut.of(sent)
