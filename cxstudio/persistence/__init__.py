"""The project file: the only package that imports SQLAlchemy."""
