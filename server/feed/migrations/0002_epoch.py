"""Create the one FeedEpoch row with the database, so every app server reads the same epoch."""

from django.db import migrations


def create_epoch(apps, schema_editor):
    FeedEpoch = apps.get_model("feed", "FeedEpoch")
    if not FeedEpoch.objects.exists():
        from server.feed.models import new_epoch

        FeedEpoch.objects.create(epoch=new_epoch(), floor=0)


class Migration(migrations.Migration):
    dependencies = [("feed", "0001_initial")]
    operations = [migrations.RunPython(create_epoch, migrations.RunPython.noop)]
