"""An install that imported from WordPress before the import became an app of its own keeps its records: the tables
are the same, the rows read through the new app's models, and the content types (with their permissions) moved."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wordpress_import.models import WordPressImport, WordPressOrigin

BEFORE = [("blog", "0010_wordpress_import"), ("wordpress_import", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([targets[0]]).apps


@pytest.mark.django_db(transaction=True)
def test_records_made_under_blog_survive_the_move(migrated_database, course):
    old_apps = migrate(BEFORE)
    old_type = ContentType.objects.get_or_create(app_label="blog", model="wordpressorigin")[0]
    home_page = old_apps.get_model("home", "HomePage").objects.get(pk=course.pk)
    old_apps.get_model("blog", "WordPressImport").objects.create(course=home_page, file_name="soviet.xml", export=b"x")
    old_apps.get_model("blog", "WordPressOrigin").objects.create(
        blog="https://old.example.edu", kind="post", wordpress_id=7, content_type_id=old_type.pk, object_id=course.pk
    )
    ContentType.objects.clear_cache()
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    assert WordPressImport.objects.get().file_name == "soviet.xml"
    assert WordPressOrigin.objects.get().wordpress_id == 7
    assert ContentType.objects.get(pk=old_type.pk).app_label == "wordpress_import"
    assert not ContentType.objects.filter(app_label="blog", model__startswith="wordpress").exists()
