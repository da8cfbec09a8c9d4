from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0004_feed_entry_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedentry",
            name="echo_device",
            field=models.CharField(blank=True, max_length=36, null=True),
        ),
    ]
