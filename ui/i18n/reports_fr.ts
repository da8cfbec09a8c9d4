<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
  <context>
    <name>Report</name>
    <message>
      <source>(none)</source>
      <translation>(aucun)</translation>
    </message>
    <message>
      <source>Photo missing on this computer: %1</source>
      <translation>Photo absente de cet ordinateur : %1</translation>
    </message>
    <message>
      <source>Page %1 of %2</source>
      <translation>Page %1 sur %2</translation>
    </message>
    <message>
      <source>Baseline report</source>
      <translation>Rapport de l'état des lieux</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Name (French)</source>
      <translation>Nom (français)</translation>
    </message>
    <message>
      <source>Name (Arabic)</source>
      <translation>Nom (arabe)</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>Capacité</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>Province</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Nearest OCP site</source>
      <translation>Site OCP le plus proche</translation>
    </message>
    <message>
      <source>GPS position</source>
      <translation>Position GPS</translation>
    </message>
    <message>
      <source>Survey status</source>
      <translation>État de l'enquête</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>Enquêteur</translation>
    </message>
    <message>
      <source>Last saved</source>
      <translation>Dernier enregistrement</translation>
    </message>
    <message>
      <source>Form version</source>
      <translation>Version du questionnaire</translation>
    </message>
    <message>
      <source>No survey of this establishment yet.</source>
      <translation>Aucune enquête de cet établissement pour l'instant.</translation>
    </message>
    <message>
      <source>The form of this survey is not on this computer.</source>
      <translation>Le questionnaire de cette enquête n'est pas sur cet ordinateur.</translation>
    </message>
    <message>
      <source>Key indicators</source>
      <translation>Indicateurs clés</translation>
    </message>
    <message>
      <source>%1 MAD in total</source>
      <translation>%1 MAD au total</translation>
    </message>
    <message>
      <source>%1 MAD a month</source>
      <translation>%1 MAD par mois</translation>
    </message>
    <message>
      <source>Not connected to the grid</source>
      <translation>Non raccordé au réseau</translation>
    </message>
    <message>
      <source>%1 m²</source>
      <translation>%1 m²</translation>
    </message>
    <message>
      <source>about %1 kWp of solar</source>
      <translation>environ %1 kWc de solaire</translation>
    </message>
    <message>
      <source>Internet connection</source>
      <translation>Connexion Internet</translation>
    </message>
    <message>
      <source>Electricity bills (12 months)</source>
      <translation>Factures d'électricité (12 mois)</translation>
    </message>
    <message>
      <source>Hot water</source>
      <translation>Eau chaude</translation>
    </message>
    <message>
      <source>Usable roof area</source>
      <translation>Toiture utilisable</translation>
    </message>
    <message>
      <source>Priority needs (first three)</source>
      <translation>Besoins prioritaires (les trois premiers)</translation>
    </message>
    <message>
      <source>Residents / capacity</source>
      <translation>Résidents / capacité</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>Toutes les régions</translation>
    </message>
    <message>
      <source>Regional summary</source>
      <translation>Synthèse régionale</translation>
    </message>
    <message>
      <source>Establishments</source>
      <translation>Établissements</translation>
    </message>
    <message>
      <source>Surveyed (finalized or approved)</source>
      <translation>Enquêtés (finalisés ou approuvés)</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>Approuvés</translation>
    </message>
    <message>
      <source>Connected to the Internet</source>
      <translation>Connectés à Internet</translation>
    </message>
    <message>
      <source>Electricity billed (12 months)</source>
      <translation>Électricité facturée (12 mois)</translation>
    </message>
    <message>
      <source>Progress of the fieldwork</source>
      <translation>Avancement du terrain</translation>
    </message>
    <message>
      <source>Establishments by survey progress, per province</source>
      <translation>Établissements par avancement de l'enquête, par province</translation>
    </message>
    <message>
      <source>Per province</source>
      <translation>Par province</translation>
    </message>
    <message>
      <source>Per OCP site</source>
      <translation>Par site OCP</translation>
    </message>
    <message>
      <source>Per agent</source>
      <translation>Par enquêteur</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Surveyed</source>
      <translation>Enquêtés</translation>
    </message>
    <message>
      <source>Baseline indicators</source>
      <translation>Indicateurs de l'état des lieux</translation>
    </message>
    <message>
      <source>From the latest finalized or approved survey of %1 establishments.</source>
      <translation>D'après la dernière enquête finalisée ou approuvée de %1 établissements.</translation>
    </message>
    <message>
      <source>Connected to the Internet: %1%</source>
      <translation>Connectés à Internet : %1 %</translation>
    </message>
    <message>
      <source>Connected</source>
      <translation>Connectés</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Non connectés</translation>
    </message>
    <message>
      <source>Connection type</source>
      <translation>Type de connexion</translation>
    </message>
    <message>
      <source>Hot-water source</source>
      <translation>Source d'eau chaude</translation>
    </message>
    <message>
      <source>Monthly electricity bill (MAD)</source>
      <translation>Facture mensuelle d'électricité (MAD)</translation>
    </message>
    <message>
      <source>Usable roof area (m²)</source>
      <translation>Surface de toiture utilisable (m²)</translation>
    </message>
    <message>
      <source>Priority needs (rank score)</source>
      <translation>Besoins prioritaires (score de rang)</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>Non commencés</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Brouillons</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>Finalisés</translation>
    </message>
    <message>
      <source>Synced</source>
      <translation>Synchronisés</translation>
    </message>
    <message>
      <source>Returned</source>
      <translation>Renvoyés</translation>
    </message>
  </context>
  <context>
    <name>ReportDialog</name>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Parcourir…</translation>
    </message>
    <message>
      <source>Language of the report:</source>
      <translation>Langue du rapport :</translation>
    </message>
    <message>
      <source>Region:</source>
      <translation>Région :</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>Fichier :</translation>
    </message>
  </context>
  <context>
    <name>ReportActions</name>
    <message>
      <source>Regional &amp;summary (PDF)…</source>
      <translation>&amp;Synthèse régionale (PDF)…</translation>
    </message>
    <message>
      <source>Establishment report (PDF)</source>
      <translation>Rapport de l'établissement (PDF)</translation>
    </message>
    <message>
      <source>All my regions</source>
      <translation>Toutes mes régions</translation>
    </message>
    <message>
      <source>Regional summary (PDF)</source>
      <translation>Synthèse régionale (PDF)</translation>
    </message>
    <message>
      <source>Writing the report of %1…</source>
      <translation>Écriture du rapport de %1…</translation>
    </message>
    <message>
      <source>Writing the regional summary…</source>
      <translation>Écriture de la synthèse régionale…</translation>
    </message>
    <message>
      <source>A report is already being written.</source>
      <translation>Un rapport est déjà en cours d'écriture.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message numerus="yes">
      <source>Report written: %1 (%n page(s)).</source>
      <translation>
        <numerusform>Rapport écrit : %1 (%n page).</numerusform>
        <numerusform>Rapport écrit : %1 (%n pages).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n photo(s) missing on this computer are marked in the report.</source>
      <translation>
        <numerusform>%n photo absente de cet ordinateur est signalée dans le rapport.</numerusform>
        <numerusform>%n photos absentes de cet ordinateur sont signalées dans le rapport.</numerusform>
      </translation>
    </message>
    <message>
      <source>Report cancelled: no file was written.</source>
      <translation>Rapport annulé : aucun fichier n'a été écrit.</translation>
    </message>
    <message>
      <source>The report cannot be written in %1: the folder does not exist or is read-only. Choose another folder.</source>
      <translation>Le rapport ne peut pas être écrit dans %1 : le dossier n'existe pas ou est en lecture seule. Choisissez un autre dossier.</translation>
    </message>
    <message>
      <source>The disk is full: the report was not written in %1.</source>
      <translation>Le disque est plein : le rapport n'a pas été écrit dans %1.</translation>
    </message>
    <message>
      <source>The report could not be written in %1.</source>
      <translation>Le rapport n'a pas pu être écrit dans %1.</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>&amp;Report (PDF)…</source>
      <translation>&amp;Rapport (PDF)…</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <source>Regional summary (PDF)…</source>
      <translation>Synthèse régionale (PDF)…</translation>
    </message>
  </context>
</TS>
