"""The site: the one build pipeline both front-ends call, the MkDocs plugin, security hardening, the
offline edition, link checking."""
