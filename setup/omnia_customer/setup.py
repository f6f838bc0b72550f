import setuptools

setuptools.setup(
    setup_requires=['setuptools-odoo'],
    # The wheel's version is the manifest's (11.0.x.y.z), as listed in
    # RELEASES, also when built from a commit after the version was raised
    # (setuptools-odoo would otherwise append .99.devN).
    odoo_addon={'post_version_strategy_override': 'none'},
)
