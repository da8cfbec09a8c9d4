"""Surveys carry the server's order of receipt (first save), which decides "latest"."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def from_first_revision(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    SurveyRevision = apps.get_model("surveys", "SurveyRevision")
    first = SurveyRevision.objects.filter(survey=OuterRef("pk")).order_by("revision")
    Survey.objects.update(first_received_at=Subquery(first.values("created_at")[:1]))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_device_seq")]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="first_received_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(from_first_revision, migrations.RunPython.noop),
    ]
