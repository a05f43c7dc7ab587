"""Moving a WordPress course blog in: the WXR parser, the body converter and the importer."""
