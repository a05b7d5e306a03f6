from django.contrib.auth import views as auth_views
from django.urls import path

from . import language, views, views_access_log, views_time_zone
from .forms import LoginForm, PasswordResetForm
from .rates import limit_posts

urlpatterns = [
    path("language/", language.switch_language, name="switch_language"),
    path("signup/", limit_posts("signup")(views.signup), name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path(
        "account/confirm-email/",
        limit_posts("confirm_email")(views.confirm_email),
        name="confirm_email",
    ),
    path("confirm-email/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path(
        "login/",
        limit_posts("login")(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        limit_posts("password_reset")(
            auth_views.PasswordResetView.as_view(
                form_class=PasswordResetForm,
                email_template_name="registration/password_reset_email.html",
                subject_template_name="registration/password_reset_subject.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("household/sharing/", views.sharing, name="sharing"),
    path("household/access-log/", views_access_log.access_log, name="access_log"),
    path("household/time-zone/", views_time_zone.time_zone, name="household_time_zone"),
    path("household/<uuid:household_id>/invites/", views.invite_create, name="invite_create"),
    path(
        "household/<uuid:household_id>/invites/<uuid:invite_id>/revoke/",
        views.invite_revoke,
        name="invite_revoke",
    ),
    path(
        "household/<uuid:household_id>/members/<uuid:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
]

# The invite email links to this name.
urlpatterns += [path("invites/<str:token>/", views.invite_accept, name="invite_accept")]
