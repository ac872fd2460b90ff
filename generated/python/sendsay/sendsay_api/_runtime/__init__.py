"""Hand-written runtime shared by the generated packages (copied into `<package>/_runtime/`).

Modules: codec (wire value checks, decoding and encoding primitives), values (the values
messages stand for, and `describe`), errors (the exception hierarchy), operation (what a
generated operation hands to a client), redact (secrets out of logs, messages and chained
exceptions), driver (the I/O half of a client: sending, retries, session renewal, the call's
limits from transfer), retry (when to send again), wire_format and xml_wire (reading answers
strictly; Altcraft's XML), sendsay and altcraft (the two protocol flows and their clients),
tracking (waiting for asynchronous tasks), converter (cattrs hooks for the models; imported
only by the public `converter` module), cli (the console script).
"""
