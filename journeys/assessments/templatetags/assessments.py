from django import template

register = template.Library()


@register.filter
def p_value(p: float | None) -> str:
    """'p = 0.0123', or 'p < 0.0001' where four decimals would show zero."""
    if p is None:
        return ""
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.4f}"
