"""Remote skills: a skill as a web service, called with a documented and signed JSON envelope.

speaker-sim's own small envelope (no vendor's): see :mod:`simulator.remote.envelope` for the
contract, :mod:`simulator.remote.signing` for the signature, :mod:`simulator.remote.server` for
``speaker-sim serve`` and :mod:`simulator.remote.manifest` for registering a served skill with
the speaker. Importing this package needs no web libraries; serving and calling need the
optional ``remote`` extra (starlette, uvicorn, httpx).

================  ==========================================================================
module            job
================  ==========================================================================
``envelope``      the request and response models (versioned, strict)
``signing``       HMAC-SHA256 signatures, the replay window, loading secrets
``service``       answer an envelope by running an SDK skill's handler (no HTTP)
``server``        the Starlette app and ``speaker-sim serve``
``client``        POST an envelope with httpx and check the answer
``proxy``         a remote skill on the speaker: SDK handlers that call the service
``manifest``      the YAML manifest that registers a remote skill
``schema``        JSON Schema files generated from the envelope models
================  ==========================================================================
"""

__all__: list[str] = []
