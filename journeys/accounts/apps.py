from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "journeys.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from journeys.accounts import lrs, personal_data
        from journeys.accounts.retention import delete_old_login_failures
        from journeys.core.maintenance import register

        personal_data.connect()
        register("failed logins", delete_old_login_failures)
        register(lrs.STEP, lrs.send_due)
