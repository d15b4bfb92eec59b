from django.urls import path

from journeys.cards import views

app_name = "cards"
urlpatterns = [
    path("", views.index, name="index"),
    path("decks/<slug:slug>/", views.deck, name="deck"),
    path("decks/<slug:slug>/pdf/", views.deck_pdf, name="deck-pdf"),
    path("compose/", views.compose, name="compose"),
    path("compose/pdf/", views.compose_pdf, name="compose-pdf"),
    path("<str:kind>/<slug:slug>/", views.card, name="card"),
]
