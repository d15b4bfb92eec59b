from django import template

from journeys.assessments.plots import Band, score_bands
from journeys.assessments.report import Outcome

register = template.Library()


@register.filter
def p_value(p: float | None) -> str:
    """'p = 0.0123', or 'p < 0.0001' where four decimals would show zero."""
    if p is None:
        return ""
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.4f}"


@register.filter
def bands(outcome: Outcome) -> list[Band]:
    """The knowledge-score histogram's figures, for its table and text alternative."""
    return score_bands(outcome)
