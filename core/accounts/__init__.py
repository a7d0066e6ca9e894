"""Staff login controls (等保 2.0 身份鉴别、登录失败处理、安全审计; docs/security.md).

- ``lockout``: django-axes glue — failures counted per username and per client address, the Chinese lockout page,
  unlocking.
- ``passwords``: the password policy's validators and password age.
- ``two_factor``: who must use a TOTP code (django-otp), devices, QR codes.
- ``middleware``: idle and absolute session limits, the two-factor gate and the password-age gate.
- ``audit``: one function that writes ``core.SecurityEvent`` records.
- ``views``/``forms``: the Chinese pages in the Wagtail admin (verify, enrol, devices, reset, audit report).
"""
