from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "journeys.accounts"
    label = "accounts"
    verbose_name = "Accounts"
