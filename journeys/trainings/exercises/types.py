"""Importing this module registers every exercise type that ships."""

from journeys.trainings.exercises import (  # noqa: F401
    choice,
    fact_or_fiction,
    likert,
    ranking,
    reflection,
    scenario,
)
