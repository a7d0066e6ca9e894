"""Shared API plumbing: one shape for bad-request answers across every app's endpoints."""


class ApiBadRequest(Exception):
    """Raised by an endpoint for bad parameters; answered as HTTP 400 ``{"message": …, "errors": {field: …}}``."""

    def __init__(self, errors: dict[str, str], message: str = "请求参数有误"):
        super().__init__(message)
        self.message = message
        self.errors = errors
