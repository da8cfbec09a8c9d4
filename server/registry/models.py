"""Establishments (EPS) and assignments of establishments to field agents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fieldapp.domain import new_id


class EstablishmentType(models.TextChoices):
    ELDERLY = "elderly", "Personnes âgées"
    CHILDREN = "children", "Enfants"
    DISABILITY = "disability", "Personnes en situation de handicap"
    WOMEN = "women", "Femmes en difficulté"
    MULTIPURPOSE = "multipurpose", "Centre social polyvalent"


class Establishment(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=new_id, editable=False)
    code = models.CharField("code officiel", max_length=50, unique=True)
    name_fr = models.CharField("nom (fr)", max_length=300)
    name_ar = models.CharField("nom (ar)", max_length=300, blank=True)
    type = models.CharField(max_length=30, choices=EstablishmentType.choices, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    region = models.CharField(max_length=100, db_index=True)
    province = models.CharField(max_length=100, blank=True)
    commune = models.CharField(max_length=100, blank=True)
    site = models.CharField("site OCP le plus proche", max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    manager = models.CharField("responsable", max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "établissement"
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.name_fr}"


class Assignment(models.Model):
    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="assignments"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "affectation"
        constraints = (
            models.UniqueConstraint(
                fields=["establishment", "agent"], name="one_assignment_per_agent"
            ),
        )

    def __str__(self) -> str:
        return f"{self.establishment.code} → {self.agent.username}"
