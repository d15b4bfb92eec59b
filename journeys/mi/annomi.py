"""Reading AnnoMI-style CSV files (the columns of ../shared/data/annomi/train.csv) into
plain items for training and evaluation."""

import csv
from dataclasses import dataclass
from pathlib import Path

MAIN_CODES = ("question", "reflection", "therapist_input", "other")
SUBTYPES = {
    "question": ("open", "closed"),
    "reflection": ("simple", "complex"),
    "therapist_input": ("information", "advice", "options", "negotiation"),
}
TALK_TYPES = ("change", "neutral", "sustain")

REQUIRED_COLUMNS = (
    "video_group",
    "interlocutor",
    "prev_interlocutor",
    "prev_utterance_text",
    "utterance_text",
    "main_therapist_behaviour",
    "client_talk_type",
    "question_exists",
    "question_subtype",
    "reflection_exists",
    "reflection_subtype",
    "therapist_input_exists",
    "therapist_input_subtype",
)


class DataError(Exception):
    """The file cannot be read as AnnoMI data; the message says why."""


@dataclass(frozen=True)
class TherapistItem:
    text: str
    client: str  # the client's utterance just before, or "" when the therapist spoke last
    main: str
    # Gold subtypes, "" where the utterance has none of that behaviour or it is unlabelled.
    question: str
    reflection: str
    therapist_input: str
    group: str


@dataclass(frozen=True)
class ClientItem:
    text: str
    therapist: str  # the therapist's utterance just before, or ""
    talk: str
    group: str


@dataclass(frozen=True)
class Data:
    therapist: list[TherapistItem]
    client: list[ClientItem]
    skipped: int  # rows without a usable label (unknown speaker or code)


def _subtype(row: dict[str, str], behaviour: str, column: str) -> str:
    if row.get(f"{column}_exists") != "True":
        return ""
    value = row.get(f"{column}_subtype", "")
    return value if value in SUBTYPES[behaviour] else ""


def read_annomi(path: Path) -> Data:
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{path}: missing columns: {', '.join(missing)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"{path}: cannot read it ({error})") from error
    therapist, client, skipped = [], [], 0
    for row in rows:
        text = row["utterance_text"].strip()
        before = row["prev_utterance_text"].strip()
        if row["interlocutor"] == "therapist" and row["main_therapist_behaviour"] in MAIN_CODES:
            therapist.append(
                TherapistItem(
                    text=text,
                    client=before if row["prev_interlocutor"] == "client" else "",
                    main=row["main_therapist_behaviour"],
                    question=_subtype(row, "question", "question"),
                    reflection=_subtype(row, "reflection", "reflection"),
                    therapist_input=_subtype(row, "therapist_input", "therapist_input"),
                    group=row["video_group"],
                )
            )
        elif row["interlocutor"] == "client" and row["client_talk_type"] in TALK_TYPES:
            client.append(
                ClientItem(
                    text=text,
                    therapist=before if row["prev_interlocutor"] == "therapist" else "",
                    talk=row["client_talk_type"],
                    group=row["video_group"],
                )
            )
        else:
            skipped += 1
    if not therapist and not client:
        raise DataError(f"{path}: no labelled therapist or client utterances")
    return Data(therapist, client, skipped)
