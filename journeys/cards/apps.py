from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "journeys.cards"
    label = "cards"
    verbose_name = "Harm-reduction cards"

    def ready(self) -> None:
        from journeys.cards import content  # noqa: F401  (registers the card files)
        from journeys.cards.retention import remove_unused_card_pdfs
        from journeys.core.maintenance import register

        register("card PDFs", remove_unused_card_pdfs)
