"""The admin API's image and document endpoints, confined to the media the user owns (sites.scopes).

Wagtail's admin API (``/admin/api/main/images/``, ``/documents/``) serves the public API's querysets — every
medium of every site, with download URLs — to any admin user. These subclasses list only the user's own media;
another site's medium answers 404 (sites/admin_gate.py refuses its id before the view runs as well).
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from .scopes import owned


class OwnedMediaMixin:
    scope = None

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=owned(self.request.user, self.scope).values("pk"))


class ConfinedImagesAdminAPIViewSet(OwnedMediaMixin, ImagesAdminAPIViewSet):
    scope = "image"


class ConfinedDocumentsAdminAPIViewSet(OwnedMediaMixin, DocumentsAdminAPIViewSet):
    scope = "document"


def confine_admin_api(router):
    router.register_endpoint("images", ConfinedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ConfinedDocumentsAdminAPIViewSet)
