<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
  <context>
    <name>AssignmentsPanel</name>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="421" />
      <source>Survey</source>
      <translation>Enquête</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="422" />
      <source>Agents</source>
      <translation>Agents</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="424" />
      <source>Agent:</source>
      <translation>Agent :</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="425" />
      <source>A&amp;ssign selected</source>
      <translation>&amp;Affecter la sélection</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="426" />
      <source>&amp;Unassign selected</source>
      <translation>&amp;Retirer la sélection</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="471" />
      <source>Select establishments and an agent.</source>
      <translation>Sélectionnez des établissements et un agent.</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="475" />
      <source>%n change(s) queued; sent at the next sync.</source>
      <translation>
        <numerusform>%n modification en attente ; envoyée à la prochaine synchronisation.</numerusform>
        <numerusform>%n modifications en attente ; envoyées à la prochaine synchronisation.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoordinatorWorkspace</name>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Dashboard</source>
      <translation>Tableau de bord</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Map</source>
      <translation>Carte</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Review</source>
      <translation>Validation</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="515" />
      <source>Assignments</source>
      <translation>Affectations</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <location filename="../coordinator/workspace.py" line="117" />
      <source>Progress by</source>
      <translation>Avancement par</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>OCP site</source>
      <translation>Site OCP</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="121" />
      <source>Agent</source>
      <translation>Agent</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="145" />
      <source>Synced</source>
      <translation>Synchronisée</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="157" />
      <source>(none)</source>
      <translation>(aucun)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="161" />
      <source>Establishments by survey progress</source>
      <translation>Établissements par avancement de l'enquête</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="167" />
      <source>%1 establishments, %2 surveyed (finalized or approved)</source>
      <translation>%1 établissements, %2 enquêtés (finalisés ou approuvés)</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="173" />
      <source>Connected to the Internet: %1%</source>
      <translation>Connectés à Internet : %1 %</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="175" />
      <source>Connected</source>
      <translation>Connecté</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="176" />
      <source>Not connected</source>
      <translation>Non connecté</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="180" />
      <source>Connection type</source>
      <translation>Type de connexion</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="187" />
      <source>Hot-water source</source>
      <translation>Source d'eau chaude</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="195" />
      <source>Monthly electricity bill (MAD), total billed %1 MAD</source>
      <translation>Facture mensuelle d'électricité (MAD), total facturé %1 MAD</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="199" />
      <source>Usable roof area (m²): %1 m², about %2 kWp of solar</source>
      <translation>Surface de toiture utilisable (m²) : %1 m², environ %2 kWc de solaire</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="205" />
      <source>Priority needs (rank score)</source>
      <translation>Besoins prioritaires (score de classement)</translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>Please confirm</source>
      <translation>Veuillez confirmer</translation>
    </message>
    <message>
      <source>Approve this survey? The agent can no longer change it.</source>
      <translation>Approuver cette enquête ? L'agent ne pourra plus la modifier.</translation>
    </message>
    <message>
      <source>Return this survey to the agent with your comment?</source>
      <translation>Renvoyer cette enquête à l'agent avec votre commentaire ?</translation>
    </message>
    <message>
      <source>Approve</source>
      <translation>Approuver</translation>
    </message>
    <message>
      <source>Return</source>
      <translation>Renvoyer</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="274" />
      <source>&amp;Approve</source>
      <translation>&amp;Approuver</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="275" />
      <source>&amp;Return for correction</source>
      <translation>&amp;Renvoyer pour correction</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="276" />
      <source>Comment for the agent (required to return):</source>
      <translation>Commentaire pour l'agent (obligatoire pour renvoyer) :</translation>
    </message>
    <message numerus="yes">
      <location filename="../coordinator/workspace.py" line="277" />
      <location filename="../coordinator/workspace.py" line="297" />
      <source>%n survey(s) to review</source>
      <translation>
        <numerusform>%n enquête à valider</numerusform>
        <numerusform>%n enquêtes à valider</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="305" />
      <source>Nothing to review.</source>
      <translation>Rien à valider.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="329" />
      <source>Highlighted: changed since the previous revision.</source>
      <translation>Surligné : modifié depuis la révision précédente.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="331" />
      <source>First revision received.</source>
      <translation>Première révision reçue.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="335" />
      <source>By %1, revision %2.</source>
      <translation>Par %1, révision %2.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="345" />
      <source>was:</source>
      <translation>avant :</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="353" />
      <source>Write what the agent must correct.</source>
      <translation>Écrivez ce que l'agent doit corriger.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="360" />
      <source>Approved; sent at the next sync.</source>
      <translation>Approuvée ; envoyée à la prochaine synchronisation.</translation>
    </message>
    <message>
      <location filename="../coordinator/workspace.py" line="362" />
      <source>Returned; the agent sees your comment after the next syncs.</source>
      <translation>Renvoyée ; l'agent verra votre commentaire après les prochaines synchronisations.</translation>
    </message>
  </context>
  <context>
    <name>Coordination</name>
    <message>
      <source>Bundle written: %1 changes and %2 photos. Give it to your coordinator.</source>
      <translation>Paquet écrit : %1 modifications et %2 photos. Remettez-le à votre coordinateur.</translation>
    </message>
    <message>
      <source>Receipt written: %1 acknowledged by the server, %2 not yet sent.</source>
      <translation>Accusé écrit : %1 acceptées par le serveur, %2 pas encore envoyées.</translation>
    </message>
    <message>
      <source>Receipt imported: %1 changes cleared from the outbox.</source>
      <translation>Accusé importé : %1 modifications retirées de la boîte d'envoi.</translation>
    </message>
    <message>
      <source>This bundle was already imported: nothing changed.</source>
      <translation>Ce paquet était déjà importé : rien n'a changé.</translation>
    </message>
    <message>
      <source>Bundle from %1 imported: %2 new changes, sent to the server at the next sync.</source>
      <translation>Paquet de %1 importé : %2 nouvelles modifications, envoyées au serveur à la prochaine synchronisation.</translation>
    </message>
    <message>
      <source>&amp;Coordination</source>
      <translation>&amp;Coordination</translation>
    </message>
    <message>
      <source>&amp;Establishments</source>
      <translation>&amp;Établissements</translation>
    </message>
    <message>
      <source>&amp;Dashboard</source>
      <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
      <source>&amp;Map</source>
      <translation>&amp;Carte</translation>
    </message>
    <message>
      <source>&amp;Review</source>
      <translation>&amp;Validation</translation>
    </message>
    <message>
      <source>&amp;Assignments</source>
      <translation>&amp;Affectations</translation>
    </message>
    <message>
      <source>&amp;Bundles</source>
      <translation>&amp;Paquets</translation>
    </message>
    <message>
      <source>&amp;Export a bundle for the coordinator…</source>
      <translation>&amp;Exporter un paquet pour le coordinateur…</translation>
    </message>
    <message>
      <source>&amp;Import a bundle or a receipt…</source>
      <translation>&amp;Importer un paquet ou un accusé…</translation>
    </message>
    <message>
      <source>Write a &amp;receipt for a bundle…</source>
      <translation>Écrire un &amp;accusé pour un paquet…</translation>
    </message>
    <message>
      <source>Wrong passphrase for this file.</source>
      <translation>Phrase secrète incorrecte pour ce fichier.</translation>
    </message>
    <message>
      <source>This file was altered or damaged: it was refused.</source>
      <translation>Ce fichier a été modifié ou endommagé : il est refusé.</translation>
    </message>
    <message>
      <source>This file is incomplete (truncated): copy it again.</source>
      <translation>Ce fichier est incomplet (tronqué) : copiez-le à nouveau.</translation>
    </message>
    <message>
      <source>This file is not a FieldApp bundle.</source>
      <translation>Ce fichier n'est pas un paquet FieldApp.</translation>
    </message>
    <message>
      <source>The outbox is empty: there is nothing to carry.</source>
      <translation>La boîte d'envoi est vide : rien à transporter.</translation>
    </message>
    <message>
      <source>Enroll this laptop once before exporting bundles.</source>
      <translation>Enrôlez cet ordinateur une fois avant d'exporter des paquets.</translation>
    </message>
    <message>
      <source>A bundle is imported on a coordinator's laptop.</source>
      <translation>Un paquet s'importe sur l'ordinateur d'un coordinateur.</translation>
    </message>
    <message>
      <source>This receipt belongs to another laptop.</source>
      <translation>Cet accusé concerne un autre ordinateur.</translation>
    </message>
    <message>
      <source>Bundle</source>
      <translation>Paquet</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>Phrase secrète :</translation>
    </message>
    <message>
      <source>Passphrase again:</source>
      <translation>Phrase secrète, à nouveau :</translation>
    </message>
    <message>
      <source>The passphrases differ.</source>
      <translation>Les phrases secrètes diffèrent.</translation>
    </message>
    <message>
      <source>Choose a passphrase of at least 8 characters.</source>
      <translation>Choisissez une phrase secrète d'au moins 8 caractères.</translation>
    </message>
    <message>
      <source>Export a bundle</source>
      <translation>Exporter un paquet</translation>
    </message>
    <message>
      <source>Import a bundle or a receipt</source>
      <translation>Importer un paquet ou un accusé</translation>
    </message>
    <message>
      <source>Bundle imported here</source>
      <translation>Paquet importé ici</translation>
    </message>
    <message>
      <source>Write the receipt</source>
      <translation>Écrire l'accusé</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message numerus="yes">
      <source>%n establishment(s) here (click to zoom in)</source>
      <translation><numerusform>%n établissement ici (cliquez pour zoomer)</numerusform><numerusform>%n établissements ici (cliquez pour zoomer)</numerusform></translation>
    </message>
    <message>
      <source>(12) nearby establishments: click to zoom in</source>
      <translation>(12) établissements proches : cliquez pour zoomer</translation>
    </message>
  </context>
</TS>