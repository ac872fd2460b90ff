"""Hand-written runtime shared by the generated packages (copied into `<package>/_runtime/`).

Modules: codec (wire value checks, decoding and encoding primitives), errors (the exception
hierarchy), operation (what a generated operation hands to a client), redact (secrets out of
logs and messages), sendsay (the Sendsay protocol flow, sync and async clients), altcraft (the
Altcraft protocol), tracking (waiting for asynchronous tasks), converter (cattrs hooks for the
models; imported only by the public `converter` module).
"""
