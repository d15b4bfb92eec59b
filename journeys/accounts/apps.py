from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "journeys.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from journeys.accounts import personal_data

        personal_data.connect()
