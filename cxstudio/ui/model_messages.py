"""The model's refusals (one English sentence each) in the UI language, with the editor's names of fields and kinds."""

from __future__ import annotations

from cxstudio.model.messages import model_sentence
from cxstudio.ui import labels


def refusal_text(error: BaseException, language: str) -> str:
    """What the model said when it refused a change, in `language` ('de' or 'en')."""
    sentence = str(error)
    if language != "de":
        return sentence
    return model_sentence(sentence, language, labels.field_labels(), labels.entity_kinds())
