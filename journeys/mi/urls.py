from django.urls import path

from journeys.mi import views

app_name = "mi"
urlpatterns = [
    path("practice/", views.index, name="practice"),
    path("practice/<slug:slug>/", views.conversation, name="conversation"),
    path("practice/<slug:slug>/summary/", views.summary, name="summary"),
    path("listening/", views.listening, name="listening"),
]
