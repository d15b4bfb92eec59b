"""The xAPI statement for a questionnaire handed in (docs/integrations.md): that it was,
for which training and phase; never the answers. Only for a learner with an account;
a workshop's anonymous participants never have one."""

from django.contrib.auth.models import User

from journeys.accounts import lrs, xapi
from journeys.trainings.models import Training
from journeys.trainings.statements import training_activity


def questionnaire_handed_in(user: User, training: Training, phase: str) -> None:
    names = {language: f"{title} ({phase})" for language, title in training.title.items()}
    lrs.record(
        user,
        xapi.COMPLETED,
        xapi.Activity(f"/trainings/{training.slug}/measure/{phase}/", xapi.ASSESSMENT, names),
        result=xapi.Result(completion=True),
        parent=training_activity(training),
    )
