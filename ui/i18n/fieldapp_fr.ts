<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
  <context>
    <name>ConflictList</name>
    <message>
      <source>This question is no longer in version %1 of the form, which this survey now follows: only the server's value can be kept. Yours would be an answer that no version of this survey holds; it stays in the conflict's record on the server.</source>
      <translation>Cette question ne figure plus dans la version %1 du formulaire, que suit désormais cette enquête : seule la valeur du serveur peut être gardée. La vôtre serait une réponse qu'aucune version de cette enquête ne contient ; elle reste inscrite dans l'historique du conflit sur le serveur.</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Établissement</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Other device</source>
      <translation>Autre appareil</translation>
    </message>
    <message>
      <source>This laptop</source>
      <translation>Cet ordinateur</translation>
    </message>
    <message>
      <source>Other device (on the server)</source>
      <translation>Autre appareil (sur le serveur)</translation>
    </message>
    <message>
      <source>Keep &amp;this value</source>
      <translation>Garder &amp;cette valeur</translation>
    </message>
    <message>
      <source>Keep t&amp;his value</source>
      <translation>Garder cette &amp;valeur</translation>
    </message>
    <message>
      <source>Or another value:</source>
      <translation>Ou une autre valeur :</translation>
    </message>
    <message>
      <source>Save this &amp;value</source>
      <translation>&amp;Enregistrer cette valeur</translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) were changed on another device too. For each, keep one value or enter the right one: your choice is sent at the next sync.</source>
      <translation>
        <numerusform>%n question a aussi été modifiée sur un autre appareil. Gardez une valeur ou saisissez la bonne : votre choix part à la prochaine synchronisation.</numerusform>
        <numerusform>%n questions ont aussi été modifiées sur un autre appareil. Pour chacune, gardez une valeur ou saisissez la bonne : votre choix part à la prochaine synchronisation.</numerusform>
      </translation>
    </message>
    <message>
      <source>No conflict: nothing waits for your choice.</source>
      <translation>Aucun conflit : rien n'attend votre choix.</translation>
    </message>
    <message>
      <source>(no answer)</source>
      <translation>(pas de réponse)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>une photo</translation>
    </message>
    <message>
      <source>a list of %1</source>
      <translation>une liste de %1</translation>
    </message>
  </context>
  <context>
    <name>DateEditor</name>
    <message>
      <source>mm/yyyy</source>
      <translation>mm/aaaa</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
    <message>
      <source>Calendar (F4)</source>
      <translation>Calendrier (F4)</translation>
    </message>
    <message>
      <source>Calendar</source>
      <translation>Calendrier</translation>
    </message>
    <message>
      <source>This month</source>
      <translation>Ce mois-ci</translation>
    </message>
    <message>
      <source>Not a month: type it as mm/yyyy, e.g. 03/2026.</source>
      <translation>Ce n'est pas un mois : tapez-le sous la forme mm/aaaa, par exemple 03/2026.</translation>
    </message>
    <message>
      <source>Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.</source>
      <translation>Ce n'est pas une date : tapez-la sous la forme jj/mm/aaaa, par exemple 20/11/2026.</translation>
    </message>
    <message>
      <source>No date</source>
      <translation>Pas de date</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Aujourd'hui</translation>
    </message>
  </context>
  <context>
    <name>EnrollDialog</name>
    <message>
      <source>This server is another database than the one this laptop synchronised with: the next synchronisation sends every survey it does not hold.</source>
      <translation>Ce serveur est une autre base de données que celle avec laquelle cet ordinateur se synchronisait : la prochaine synchronisation lui envoie toutes les enquêtes qu'il n'a pas.</translation>
    </message>
    <message>
      <source>The demo data of this profile (%1 surveys) were removed, never sent; your assigned establishments come with the next synchronisation.</source>
      <translation>Les données de démonstration de ce profil (%1 enquêtes) ont été supprimées sans être envoyées ; vos établissements assignés arrivent à la prochaine synchronisation.</translation>
    </message>
    <message>
      <source>Enroll this laptop</source>
      <translation>Inscrire cet ordinateur</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code your coordinator gave you. The connection is always verified; if your organisation has its own certificate authority, choose its file.</source>
      <translation>Saisissez l'adresse du serveur et le code à usage unique donné par votre coordinateur. La connexion est toujours vérifiée ; si votre organisation a sa propre autorité de certification, choisissez son fichier.</translation>
    </message>
    <message>
      <source>&amp;Server address</source>
      <translation>Adresse du &amp;serveur</translation>
    </message>
    <message>
      <source>Enrollment &amp;code</source>
      <translation>&amp;Code d'inscription</translation>
    </message>
    <message>
      <source>CA &amp;bundle (optional)</source>
      <translation>&amp;Autorités de certification (facultatif)</translation>
    </message>
    <message>
      <source>the system&apos;s certificate authorities</source>
      <translation>les autorités de certification du système</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <source>&amp;Enroll</source>
      <translation>&amp;Inscrire</translation>
    </message>
    <message>
      <source>Certificate authority bundle</source>
      <translation>Fichier des autorités de certification</translation>
    </message>
    <message>
      <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
      <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Enter the server address and the enrollment code.</source>
      <translation>Saisissez l'adresse du serveur et le code d'inscription.</translation>
    </message>
    <message>
      <source>Contacting the server…</source>
      <translation>Connexion au serveur…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <source>Enrolled as %1 on %2. This laptop can now synchronise.</source>
      <translation>Inscrit en tant que %1 sur %2. Cet ordinateur peut maintenant se synchroniser.</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Annulation…</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>The file %1 is not a FieldApp database.</source>
      <translation>Le fichier %1 n'est pas une base de données FieldApp.</translation>
    </message>
    <message>
      <source>It was left untouched. Move it away or choose another data folder, then start FieldApp again.</source>
      <translation>Il n'a pas été modifié. Déplacez-le ou choisissez un autre dossier de données, puis relancez FieldApp.</translation>
    </message>
    <message>
      <source>This data was written by a newer version of FieldApp.</source>
      <translation>Ces données ont été écrites par une version plus récente de FieldApp.</translation>
    </message>
    <message>
      <source>Install the newer FieldApp on this laptop. Nothing was changed.</source>
      <translation>Installez la version récente de FieldApp sur cet ordinateur. Rien n'a été modifié.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in %1.</source>
      <translation>FieldApp ne peut pas écrire dans %1.</translation>
    </message>
    <message>
      <source>The folder is read-only. Choose a folder you can write to, or ask your IT contact to fix its permissions.</source>
      <translation>Le dossier est en lecture seule. Choisissez un dossier où vous pouvez écrire, ou demandez à votre contact informatique de corriger ses droits.</translation>
    </message>
    <message>
      <source>The disk is full: the last change was not saved.</source>
      <translation>Le disque est plein : la dernière modification n'a pas été enregistrée.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then save again. Your answers are still on the screen.</source>
      <translation>Libérez de la place (videz la corbeille, déplacez des photos), puis enregistrez à nouveau. Vos réponses sont toujours à l'écran.</translation>
    </message>
    <message>
      <source>The database %1 is damaged.</source>
      <translation>La base de données %1 est endommagée.</translation>
    </message>
    <message>
      <source>Keep a copy of the file, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>Gardez une copie du fichier, ne le supprimez pas, et appelez votre coordinateur : il peut restaurer la dernière sauvegarde.</translation>
    </message>
    <message>
      <source>The data is in use by another FieldApp window.</source>
      <translation>Les données sont utilisées par une autre fenêtre FieldApp.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, then try again.</source>
      <translation>Fermez l'autre fenêtre FieldApp, puis réessayez.</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp (process %1, %2).</source>
      <translation>Ce profil est déjà ouvert dans un autre FieldApp (processus %1, %2).</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp.</source>
      <translation>Ce profil est déjà ouvert dans un autre FieldApp.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, or wait for the command to finish, then start FieldApp again. Nothing was changed.</source>
      <translation>Fermez l'autre fenêtre FieldApp, ou attendez la fin de la commande, puis relancez FieldApp. Rien n'a été modifié.</translation>
    </message>
    <message>
      <source>This record no longer exists on this laptop.</source>
      <translation>Cet enregistrement n'existe plus sur cet ordinateur.</translation>
    </message>
    <message>
      <source>Go back to the list; it may have been removed by a synchronisation.</source>
      <translation>Revenez à la liste ; il a peut-être été retiré par une synchronisation.</translation>
    </message>
    <message>
      <source>The change was refused.</source>
      <translation>La modification a été refusée.</translation>
    </message>
    <message>
      <source>The image %1 cannot be read.</source>
      <translation>L'image %1 ne peut pas être lue.</translation>
    </message>
    <message>
      <source>Choose a photo in JPEG or PNG format, or take it again.</source>
      <translation>Choisissez une photo au format JPEG ou PNG, ou reprenez-la.</translation>
    </message>
    <message>
      <source>A file could not be read or written: %1</source>
      <translation>Un fichier n'a pas pu être lu ou écrit : %1</translation>
    </message>
    <message>
      <source>Check that the disk is present and has free space, then try again.</source>
      <translation>Vérifiez que le disque est branché et qu'il reste de la place, puis réessayez.</translation>
    </message>
    <message>
      <source>Something went wrong in FieldApp.</source>
      <translation>Un problème est survenu dans FieldApp.</translation>
    </message>
    <message>
      <source>Your saved answers are safe. Try again; if it happens again, send the log file to your coordinator.</source>
      <translation>Vos réponses enregistrées sont en sécurité. Réessayez ; si cela se reproduit, envoyez le journal à votre coordinateur.</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>Log file: %1</source>
      <translation>Journal : %1</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase for this profile.</source>
      <translation>Code PIN ou phrase secrète incorrect pour ce profil.</translation>
    </message>
    <message>
      <source>A forgotten PIN cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>Un code PIN oublié ne peut pas être récupéré : ce qui a été synchronisé est en sécurité sur le serveur. Demandez un nouveau code d'enrôlement à votre coordinateur et enrôlez de nouveau cet ordinateur sur un nouveau profil.</translation>
    </message>
    <message>
      <source>This profile is encrypted.</source>
      <translation>Ce profil est chiffré.</translation>
    </message>
    <message>
      <source>Start FieldApp again and type the profile's PIN or passphrase.</source>
      <translation>Relancez FieldApp et saisissez le code PIN ou la phrase secrète du profil.</translation>
    </message>
    <message>
      <source>The laptop&apos;s database refused a record that breaks its rules: nothing of the last action was saved.</source>
      <translation>La base de données de l&apos;ordinateur a refusé un enregistrement contraire à ses règles : rien de la dernière action n&apos;a été enregistré.</translation>
    </message>
    <message>
      <source>This is a problem of FieldApp, not of the disk or of your answers. Send the log file to your coordinator.</source>
      <translation>C&apos;est un problème de FieldApp, pas du disque ni de vos réponses. Envoyez le fichier journal à votre coordinateur.</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>sent on %1</source>
      <translation>envoyée le %1</translation>
    </message>
    <message>
      <source>not sent</source>
      <translation>non envoyée</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
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
      <source>Manager</source>
      <translation>Directeur·rice</translation>
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
      <source>Surveys</source>
      <translation>Enquêtes</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>Commencée le</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>État</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>Enquêteur</translation>
    </message>
    <message>
      <source>Saves</source>
      <translation>Révision</translation>
    </message>
    <message>
      <source>&amp;Open survey</source>
      <translation>&amp;Ouvrir l'enquête</translation>
    </message>
    <message>
      <source>&amp;Start a survey</source>
      <translation>&amp;Commencer une enquête</translation>
    </message>
    <message>
      <source>Choose an establishment in the list to see its details.</source>
      <translation>Choisissez un établissement dans la liste pour voir sa fiche.</translation>
    </message>
    <message>
      <source>&amp;Continue survey</source>
      <translation>&amp;Continuer l'enquête</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>Renvoyée par votre coordinateur pour correction :</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentFilters</name>
    <message>
      <source>Search by code, name (French or Arabic), commune…  (Ctrl+F)</source>
      <translation>Rechercher par code, nom (français ou arabe), commune…  (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search establishments</source>
      <translation>Rechercher des établissements</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>Tous les états</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>Toutes les régions</translation>
    </message>
    <message>
      <source>All types</source>
      <translation>Tous les types</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentTableModel</name>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Survey</source>
      <translation>Enquête</translation>
    </message>
  </context>
  <context>
    <name>GeopointEditor</name>
    <message>
      <source>Latitude</source>
      <translation>Latitude</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>Longitude</translation>
    </message>
    <message>
      <source>Accuracy (m)</source>
      <translation>Précision (m)</translation>
    </message>
    <message>
      <source>Use the establishment's registered position</source>
      <translation>Reprendre la position enregistrée de l'établissement</translation>
    </message>
    <message>
      <source>The latitude must be between -90 and 90.</source>
      <translation>La latitude doit être comprise entre -90 et 90.</translation>
    </message>
    <message>
      <source>The longitude must be between -180 and 180.</source>
      <translation>La longitude doit être comprise entre -180 et 180.</translation>
    </message>
    <message>
      <source>Give both the latitude and the longitude.</source>
      <translation>Indiquez la latitude et la longitude.</translation>
    </message>
    <message>
      <source>The accuracy is a number of metres, 0 or more.</source>
      <translation>La précision est un nombre de mètres, 0 ou plus.</translation>
    </message>
  </context>
  <context>
    <name>ImageEditor</name>
    <message>
      <source>Replace the photo…</source>
      <translation>Remplacer la photo…</translation>
    </message>
    <message>
      <source>Choose a photo…</source>
      <translation>Choisir une photo…</translation>
    </message>
    <message>
      <source>Remove the photo</source>
      <translation>Retirer la photo</translation>
    </message>
    <message>
      <source>Preparing the photo…</source>
      <translation>Préparation de la photo…</translation>
    </message>
    <message>
      <source>No photo</source>
      <translation>Pas de photo</translation>
    </message>
  </context>
  <context>
    <name>InstanceView</name>
    <message>
      <source>Remove</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>Supprimer %1</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Not started</source>
      <translation>Non commencée</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Brouillon</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>Finalisée</translation>
    </message>
    <message>
      <source>Returned for correction</source>
      <translation>Renvoyée pour correction</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>Validée</translation>
    </message>
    <message>
      <source>Home for the elderly</source>
      <translation>Maison de personnes âgées</translation>
    </message>
    <message>
      <source>Children's home</source>
      <translation>Maison d'enfants</translation>
    </message>
    <message>
      <source>Centre for people with disabilities</source>
      <translation>Centre pour personnes en situation de handicap</translation>
    </message>
    <message>
      <source>Centre for women in difficulty</source>
      <translation>Centre pour femmes en difficulté</translation>
    </message>
    <message>
      <source>Multi-purpose social centre</source>
      <translation>Centre social polyvalent</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>This laptop is not enrolled yet: enroll it with the code from your coordinator.</source>
      <translation>Cet ordinateur n'est pas encore inscrit : inscrivez-le avec le code de votre coordinateur.</translation>
    </message>
    <message>
      <source>A synchronisation is already running.</source>
      <translation>Une synchronisation est déjà en cours.</translation>
    </message>
    <message>
      <source>Synchronisation started…</source>
      <translation>Synchronisation lancée…</translation>
    </message>
    <message>
      <source>Surveys not sent</source>
      <translation>Enquêtes non envoyées</translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) not sent yet. They stay on this laptop and go at the next synchronisation (F5 when a connection is there).</source>
      <translation><numerusform>%n enquête finalisée n'est pas encore envoyée. Elle reste sur cet ordinateur et partira à la prochaine synchronisation (F5 quand une connexion est là).</numerusform><numerusform>%n enquêtes finalisées ne sont pas encore envoyées. Elles restent sur cet ordinateur et partiront à la prochaine synchronisation (F5 quand une connexion est là).</numerusform></translation>
    </message>
    <message>
      <source>Quit anyway</source>
      <translation>Quitter quand même</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>Rester</translation>
    </message>
    <message>
      <source>Enter: next question (from the last one, the next section)</source>
      <translation>Entrée : question suivante (après la dernière, section suivante)</translation>
    </message>
    <message>
      <source>1-9: pick the numbered choice; Up / Down: move between choices</source>
      <translation>1-9 : choisir le choix numéroté ; Haut / Bas : passer d'un choix à l'autre</translation>
    </message>
    <message>
      <source>Space: tick a box, add to a list (+ Add), choose a photo</source>
      <translation>Espace : cocher une case, ajouter à une liste (+ Ajouter), choisir une photo</translation>
    </message>
    <message>
      <source>Delete / Backspace on a choice: clear the answer</source>
      <translation>Suppr / Retour arrière sur un choix : effacer la réponse</translation>
    </message>
    <message>
      <source>Dates: type dd/mm/yyyy (a month: mm/yyyy); F4: calendar</source>
      <translation>Dates : tapez jj/mm/aaaa (un mois : mm/aaaa) ; F4 : calendrier</translation>
    </message>
    <message>
      <source>Baseline survey of social-protection establishments</source>
      <translation>État des lieux des établissements de protection sociale</translation>
    </message>
    <message>
      <source>&amp;FieldApp</source>
      <translation>&amp;FieldApp</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;Paramètres…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Aide</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message numerus="yes">
      <source>%n establishment(s)</source>
      <translation>
        <numerusform>%n établissement</numerusform>
        <numerusform>%n établissements</numerusform>
      </translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Raccourcis clavier</translation>
    </message>
    <message>
      <source>Ctrl+F: search establishments</source>
      <translation>Ctrl+F : rechercher un établissement</translation>
    </message>
    <message>
      <source>Enter: open the selected establishment's survey</source>
      <translation>Entrée : ouvrir l'enquête de l'établissement choisi</translation>
    </message>
    <message>
      <source>Tab / Shift+Tab: next / previous question</source>
      <translation>Tab / Maj+Tab : question suivante / précédente</translation>
    </message>
    <message>
      <source>Ctrl+PgDown / Ctrl+PgUp: next / previous section</source>
      <translation>Ctrl+PgSuiv / Ctrl+PgPréc : section suivante / précédente</translation>
    </message>
    <message>
      <source>Alt+Up / Alt+Down: move a ranked item</source>
      <translation>Alt+Haut / Alt+Bas : déplacer un élément à classer</translation>
    </message>
    <message>
      <source>Ctrl+S: save now (answers are also saved as you type)</source>
      <translation>Ctrl+S : enregistrer maintenant (les réponses sont aussi enregistrées pendant la saisie)</translation>
    </message>
    <message>
      <source>Ctrl+Enter: finalize the survey</source>
      <translation>Ctrl+Entrée : finaliser l'enquête</translation>
    </message>
    <message>
      <source>F8: go to the list of missing answers</source>
      <translation>F8 : aller à la liste des réponses manquantes</translation>
    </message>
    <message>
      <source>Ctrl+W: back to the list</source>
      <translation>Ctrl+W : retour à la liste</translation>
    </message>
    <message>
      <source>Ctrl+,: settings</source>
      <translation>Ctrl+, : paramètres</translation>
    </message>
    <message>
      <source>S&amp;ynchronisation</source>
      <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
      <source>Sync &amp;panel</source>
      <translation>&amp;Panneau de synchronisation</translation>
    </message>
    <message>
      <source>&amp;Conflicts to resolve</source>
      <translation>&amp;Conflits à résoudre</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>Synchronisation</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Synchronisation</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Conflits</translation>
    </message>
    <message>
      <source>Survey of %1</source>
      <translation>Enquête de %1</translation>
    </message>
    <message>
      <source>Photo %1</source>
      <translation>Photo %1</translation>
    </message>
    <message>
      <source>No system keyring works on this laptop: the PIN stays asked.</source>
      <translation>Aucun trousseau du système ne fonctionne sur cet ordinateur : le code PIN reste demandé.</translation>
    </message>
    <message>
      <source>Review of the survey of %1</source>
      <translation>Relecture de l&apos;enquête de %1</translation>
    </message>
    <message>
      <source>Assignment of %1</source>
      <translation>Attribution de %1</translation>
    </message>
    <message>
      <source>Change of %1</source>
      <translation>Modification de %1</translation>
    </message>
  </context>
  <context>
    <name>RankEditor</name>
    <message>
      <source>Move up (Alt+Up)</source>
      <translation>Monter (Alt+Haut)</translation>
    </message>
    <message>
      <source>Move down (Alt+Down)</source>
      <translation>Descendre (Alt+Bas)</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Monter</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Descendre</translation>
    </message>
    <message>
      <source>Keep this order</source>
      <translation>Garder cet ordre</translation>
    </message>
  </context>
  <context>
    <name>RepeatGrid</name>
    <message>
      <source>New row: type in it to add one</source>
      <translation>Nouvelle ligne : tapez-y pour en ajouter une</translation>
    </message>
    <message>
      <source>+ Add a row (Ctrl+Insert)</source>
      <translation>+ Ajouter une ligne (Ctrl+Inser)</translation>
    </message>
    <message>
      <source>Or type in the last row, marked +</source>
      <translation>Ou tapez dans la dernière ligne, marquée +</translation>
    </message>
    <message>
      <source>Enter: next cell · Tab: next cell, off the grid at its end · F2: edit · Esc: cancel · Delete: clear the cell · Ctrl+Insert: new row · Ctrl+Delete: remove the row</source>
      <translation>Entrée : case suivante · Tab : case suivante, sortie du tableau à la fin · F2 : modifier · Échap : annuler · Suppr : vider la case · Ctrl+Inser : nouvelle ligne · Ctrl+Suppr : supprimer la ligne</translation>
    </message>
    <message>
      <source>Not a number: type digits, with a comma or a point for decimals.</source>
      <translation>Ce n'est pas un nombre : tapez des chiffres, avec une virgule ou un point pour les décimales.</translation>
    </message>
    <message>
      <source>new row</source>
      <translation>nouvelle ligne</translation>
    </message>
    <message>
      <source>Type the first letters of the choice; F2 opens the list.</source>
      <translation>Tapez les premières lettres du choix ; F2 ouvre la liste.</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Remove the row</source>
      <translation>Supprimer la ligne</translation>
    </message>
    <message>
      <source>This cell takes a number: type digits, with a comma or a point for decimals.</source>
      <translation>Cette case attend un nombre : tapez des chiffres, avec une virgule ou un point pour les décimales.</translation>
    </message>
  </context>
  <context>
    <name>RepeatView</name>
    <message>
      <source>Space adds one; Enter goes on to the next question</source>
      <translation>Espace en ajoute un ; Entrée passe à la question suivante</translation>
    </message>
    <message>
      <source>+ Add: %1</source>
      <translation>+ Ajouter : %1</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>Aucun pour l'instant.</translation>
    </message>
  </context>
  <context>
    <name>SelectOneEditor</name>
    <message>
      <source>Delete or Backspace clears the answer</source>
      <translation>Suppr ou Retour arrière efface la réponse</translation>
    </message>
    <message>
      <source>Clear answer</source>
      <translation>Effacer la réponse</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Paramètres</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Langue</translation>
    </message>
    <message>
      <source>&amp;Text size</source>
      <translation>&amp;Taille du texte</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>Dossier des données</translation>
    </message>
    <message>
      <source>Log file</source>
      <translation>Journal</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normale</translation>
    </message>
    <message>
      <source>Large</source>
      <translation>Grande</translation>
    </message>
    <message>
      <source>Very large</source>
      <translation>Très grande</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>Serveur</translation>
    </message>
    <message>
      <source>Enrolled: %1</source>
      <translation>Inscrit : %1</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>Cet ordinateur n'est pas encore inscrit auprès du serveur central.</translation>
    </message>
    <message>
      <source>&amp;Enroll again…</source>
      <translation>&amp;Inscrire à nouveau…</translation>
    </message>
    <message>
      <source>&amp;Enroll this laptop…</source>
      <translation>&amp;Inscrire cet ordinateur…</translation>
    </message>
    <message>
      <source>Synchronise &amp;automatically when the server is reachable</source>
      <translation>Synchroniser &amp;automatiquement quand le serveur est joignable</translation>
    </message>
    <message>
      <source>Loc&amp;k after</source>
      <translation>&amp;Verrouiller après</translation>
    </message>
    <message>
      <source>&amp;Remember the PIN on this laptop (system keyring): no PIN at start</source>
      <translation>&amp;Mémoriser le code PIN sur cet ordinateur (trousseau du système) : pas de code PIN au démarrage</translation>
    </message>
    <message>
      <source>%1 minutes without use</source>
      <translation>%1 minutes sans utilisation</translation>
    </message>
    <message>
      <source>Never</source>
      <translation>Jamais</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of the server's.</source>
      <translation>
        <numerusform>À la dernière synchronisation (%1), l'horloge de cet ordinateur avançait de %n jour sur celle du serveur.</numerusform>
        <numerusform>À la dernière synchronisation (%1), l'horloge de cet ordinateur avançait de %n jours sur celle du serveur.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) behind the server's.</source>
      <translation>
        <numerusform>À la dernière synchronisation (%1), l'horloge de cet ordinateur retardait de %n jour sur celle du serveur.</numerusform>
        <numerusform>À la dernière synchronisation (%1), l'horloge de cet ordinateur retardait de %n jours sur celle du serveur.</numerusform>
      </translation>
    </message>
    <message>
      <source>Today's date and the start and end of this survey are taken from this clock. Cancel and set this laptop's date and time, or finalize anyway.</source>
      <translation>La date du jour, le début et la fin de cette enquête sont pris de cette horloge. Annulez et réglez la date et l'heure de cet ordinateur, ou finalisez quand même.</translation>
    </message>
    <message>
      <source>Finalize anyway</source>
      <translation>Finaliser quand même</translation>
    </message>
    <message>
      <source>Reason for the change</source>
      <translation>Raison de la modification</translation>
    </message>
    <message>
      <source>This form records the reason for any change to a survey saved before. Cancel goes back to the survey.</source>
      <translation>Ce formulaire enregistre la raison de toute modification d'une enquête déjà enregistrée. Annuler revient à l'enquête.</translation>
    </message>
    <message>
      <source>Why did you change this survey?</source>
      <translation>Pourquoi avez-vous modifié cette enquête ?</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>Votre nom</translation>
    </message>
    <message>
      <source>This form records who fills it in. Enter your name to continue.</source>
      <translation>Ce formulaire enregistre qui le remplit. Saisissez votre nom pour continuer.</translation>
    </message>
    <message>
      <source>Who is filling in this survey?</source>
      <translation>Qui remplit cette enquête ?</translation>
    </message>
    <message>
      <source>Remove %1 and its answers?</source>
      <translation>Supprimer %1 et ses réponses ?</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <source>%1 of %2 answered</source>
      <translation>%1 sur %2 renseignées</translation>
    </message>
    <message>
      <source>Not saved!</source>
      <translation>Non enregistré !</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Enregistrement…</translation>
    </message>
    <message>
      <source>Saved at %1</source>
      <translation>Enregistré à %1</translation>
    </message>
    <message>
      <source>All answers saved</source>
      <translation>Toutes les réponses sont enregistrées</translation>
    </message>
    <message>
      <source>Finalize this survey? It will be sent to your coordinator at the next synchronisation and can no longer be changed here.</source>
      <translation>Finaliser cette enquête ? Elle sera envoyée à votre coordinateur à la prochaine synchronisation et ne pourra plus être modifiée ici.</translation>
    </message>
    <message>
      <source>Finalize</source>
      <translation>Finaliser</translation>
    </message>
    <message>
      <source>Please confirm</source>
      <translation>Confirmation</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Choose a photo</source>
      <translation>Choisir une photo</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
      <translation>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
      <source>← Back to the list</source>
      <translation>← Retour à la liste</translation>
    </message>
    <message>
      <source>Back to the list (Ctrl+W); answers are saved</source>
      <translation>Retour à la liste (Ctrl+W) ; les réponses sont enregistrées</translation>
    </message>
    <message>
      <source>Previous section</source>
      <translation>Section précédente</translation>
    </message>
    <message>
      <source>Next section</source>
      <translation>Section suivante</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Enregistrer</translation>
    </message>
    <message>
      <source>Answers are saved as you type (Ctrl+S saves now)</source>
      <translation>Les réponses sont enregistrées pendant la saisie (Ctrl+S enregistre tout de suite)</translation>
    </message>
    <message>
      <source>Finalize…</source>
      <translation>Finaliser…</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>Renvoyée par votre coordinateur pour correction :</translation>
    </message>
    <message>
      <source>This survey is finalized: it can be read, no longer changed.</source>
      <translation>Cette enquête est finalisée : elle peut être consultée, plus modifiée.</translation>
    </message>
    <message>
      <source>This survey was approved by your coordinator: it can no longer be changed.</source>
      <translation>Cette enquête a été validée par votre coordinateur : elle ne peut plus être modifiée.</translation>
    </message>
    <message>
      <source>Answers not saved</source>
      <translation>Réponses non enregistrées</translation>
    </message>
    <message>
      <source>Your last answers could not be saved.</source>
      <translation>Vos dernières réponses n'ont pas pu être enregistrées.</translation>
    </message>
    <message>
      <source>They are still on the screen. Try saving again, stay on the survey, or leave it and lose the answers typed since the last save.</source>
      <translation>Elles sont toujours à l'écran. Réessayez l'enregistrement, restez sur l'enquête, ou quittez-la en perdant les réponses saisies depuis le dernier enregistrement.</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Réessayer</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>Rester</translation>
    </message>
    <message>
      <source>Leave and lose the answers</source>
      <translation>Quitter et perdre les réponses</translation>
    </message>
  </context>
  <context>
    <name>SyncErrors</name>
    <message>
      <source>The server&apos;s name cannot be found.</source>
      <translation>Le nom du serveur est introuvable.</translation>
    </message>
    <message>
      <source>Check the server address; if it is right, check that this computer is connected (network cable, Wi-Fi, 3G key).</source>
      <translation>Vérifiez l&apos;adresse du serveur ; si elle est juste, vérifiez que l&apos;ordinateur est connecté (câble réseau, Wi-Fi, clé 3G).</translation>
    </message>
    <message>
      <source>The server&apos;s machine refused the connection.</source>
      <translation>La machine du serveur a refusé la connexion.</translation>
    </message>
    <message>
      <source>The server is not running at this address, or the port is wrong. Check the address, or tell your coordinator.</source>
      <translation>Le serveur ne fonctionne pas à cette adresse, ou le port est faux. Vérifiez l&apos;adresse ou prévenez votre coordinateur.</translation>
    </message>
    <message>
      <source>The server did not answer in time.</source>
      <translation>Le serveur n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
      <source>The connection is down or too slow. Try again later, or from a place with a better connection.</source>
      <translation>La connexion est coupée ou trop lente. Réessayez plus tard, ou depuis un endroit mieux connecté.</translation>
    </message>
    <message>
      <source>This computer is not connected to a network.</source>
      <translation>Cet ordinateur n&apos;est connecté à aucun réseau.</translation>
    </message>
    <message>
      <source>Check the network cable, Wi-Fi or 3G key, then try again.</source>
      <translation>Vérifiez le câble réseau, le Wi-Fi ou la clé 3G, puis réessayez.</translation>
    </message>
    <message>
      <source>The connection to the server was cut.</source>
      <translation>La connexion au serveur a été coupée.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again; if it keeps happening, the link is unstable.</source>
      <translation>Rien n&apos;est perdu. Réessayez ; si cela se répète, la liaison est instable.</translation>
    </message>
    <message>
      <source>The server does not speak HTTPS on this port.</source>
      <translation>Le serveur ne parle pas HTTPS sur ce port.</translation>
    </message>
    <message>
      <source>Check the address: it may need http:// instead of https://, or another port. Ask your coordinator for the exact address.</source>
      <translation>Vérifiez l&apos;adresse : il faut peut-être http:// au lieu de https://, ou un autre port. Demandez l&apos;adresse exacte à votre coordinateur.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate has expired.</source>
      <translation>Le certificat du serveur a expiré.</translation>
    </message>
    <message>
      <source>The connection was not used. Tell your coordinator: the server&apos;s administrator must renew it. Also check this computer&apos;s date.</source>
      <translation>La connexion n&apos;a pas été utilisée. Prévenez votre coordinateur : l&apos;administrateur du serveur doit le renouveler. Vérifiez aussi la date de cet ordinateur.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate is for another address.</source>
      <translation>Le certificat du serveur correspond à une autre adresse.</translation>
    </message>
    <message>
      <source>The connection was not used. Check the server address with your coordinator.</source>
      <translation>La connexion n&apos;a pas été utilisée. Vérifiez l&apos;adresse du serveur avec votre coordinateur.</translation>
    </message>
    <message>
      <source>This enrollment code is unknown.</source>
      <translation>Ce code d'inscription est inconnu.</translation>
    </message>
    <message>
      <source>This enrollment code was already used.</source>
      <translation>Ce code d'inscription a déjà été utilisé.</translation>
    </message>
    <message>
      <source>This enrollment code has expired.</source>
      <translation>Ce code d'inscription a expiré.</translation>
    </message>
    <message>
      <source>This user account is disabled on the server.</source>
      <translation>Ce compte est désactivé sur le serveur.</translation>
    </message>
    <message>
      <source>The server refused the enrollment.</source>
      <translation>Le serveur a refusé l'inscription.</translation>
    </message>
    <message>
      <source>Check the code with your coordinator, or ask for a new one.</source>
      <translation>Vérifiez le code avec votre coordinateur, ou demandez-en un nouveau.</translation>
    </message>
    <message>
      <source>The server is unreachable.</source>
      <translation>Le serveur est injoignable.</translation>
    </message>
    <message>
      <source>Check the connection (network cable, Wi-Fi, 3G key) and try again later.</source>
      <translation>Vérifiez la connexion (câble réseau, Wi-Fi, clé 3G) et réessayez plus tard.</translation>
    </message>
    <message>
      <source>The network answered with a page that is not FieldApp&apos;s server.</source>
      <translation>Le réseau a répondu par une page qui n'est pas celle du serveur FieldApp.</translation>
    </message>
    <message>
      <source>A network login page (captive portal) or a proxy is in the way: open a web browser to log in to the network, or check the server address.</source>
      <translation>Une page de connexion au réseau (portail captif) ou un proxy s'interpose : ouvrez un navigateur pour vous connecter au réseau, ou vérifiez l'adresse du serveur.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate could not be verified.</source>
      <translation>Le certificat du serveur n'a pas pu être vérifié.</translation>
    </message>
    <message>
      <source>The connection was not used. If your organisation has its own certificate authority, choose its CA bundle file; otherwise tell your coordinator.</source>
      <translation>La connexion n'a pas été utilisée. Si votre organisation a sa propre autorité de certification, choisissez son fichier ; sinon prévenez votre coordinateur.</translation>
    </message>
    <message>
      <source>The server no longer accepts this laptop.</source>
      <translation>Le serveur n'accepte plus cet ordinateur.</translation>
    </message>
    <message>
      <source>Enroll it again with a new code from your coordinator (Settings).</source>
      <translation>Inscrivez-le à nouveau avec un nouveau code de votre coordinateur (Paramètres).</translation>
    </message>
    <message>
      <source>This laptop is not enrolled with the server.</source>
      <translation>Cet ordinateur n'est pas inscrit auprès du serveur.</translation>
    </message>
    <message>
      <source>Open Settings and enroll it with a code from your coordinator.</source>
      <translation>Ouvrez les Paramètres et inscrivez-le avec un code de votre coordinateur.</translation>
    </message>
    <message>
      <source>The server has a problem.</source>
      <translation>Le serveur a un problème.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again later; tell your coordinator if it lasts.</source>
      <translation>Rien n'est perdu. Réessayez plus tard ; prévenez votre coordinateur si cela dure.</translation>
    </message>
    <message>
      <source>The server refused the request.</source>
      <translation>Le serveur a refusé la demande.</translation>
    </message>
    <message>
      <source>Nothing was lost. Tell your coordinator; the log file has the details.</source>
      <translation>Rien n'est perdu. Prévenez votre coordinateur ; le fichier journal contient les détails.</translation>
    </message>
    <message>
      <source>The link is too slow or keeps failing: the sync ran out of time.</source>
      <translation>La liaison est trop lente ou coupe sans cesse : la synchronisation a manqué de temps.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept; the rest is sent at the next sync.</source>
      <translation>Ce qui a été confirmé est gardé ; le reste part à la prochaine synchronisation.</translation>
    </message>
    <message>
      <source>The sync was cancelled.</source>
      <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
      <source>Nothing was lost: what was not acknowledged stays to be sent.</source>
      <translation>Rien n'est perdu : ce qui n'a pas été confirmé reste à envoyer.</translation>
    </message>
    <message>
      <source>The server address or the CA bundle file is not valid.</source>
      <translation>L'adresse du serveur ou le fichier des autorités de certification n'est pas valide.</translation>
    </message>
    <message>
      <source>Use an address like https://server.example.org and an existing .pem file.</source>
      <translation>Utilisez une adresse comme https://serveur.exemple.org et un fichier .pem existant.</translation>
    </message>
    <message>
      <source>This laptop could not save what the server sent.</source>
      <translation>Cet ordinateur n'a pas pu enregistrer ce que le serveur a envoyé.</translation>
    </message>
    <message>
      <source>The sync stopped on an unexpected error.</source>
      <translation>La synchronisation s'est arrêtée sur une erreur inattendue.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept. Send the log file to your coordinator.</source>
      <translation>Ce qui a été confirmé est gardé. Envoyez le fichier journal à votre coordinateur.</translation>
    </message>
    <message>
      <source>The sync failed.</source>
      <translation>La synchronisation a échoué.</translation>
    </message>
    <message>
      <source>Try again later; the log file has the details.</source>
      <translation>Réessayez plus tard ; le fichier journal contient les détails.</translation>
    </message>
    <message>
      <source>The server refused the request: %1.</source>
      <translation>Le serveur a refusé la demande : %1.</translation>
    </message>
    <message>
      <source>This laptop&apos;s disk is full: what the server sent was not saved.</source>
      <translation>Le disque de cet ordinateur est plein : ce que le serveur a envoyé n&apos;a pas été enregistré.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then synchronise again. Nothing was lost.</source>
      <translation>Libérez de la place (videz la corbeille, déplacez des photos), puis synchronisez à nouveau. Rien n&apos;est perdu.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in its data folder: it is read-only.</source>
      <translation>FieldApp ne peut pas écrire dans son dossier de données : il est en lecture seule.</translation>
    </message>
    <message>
      <source>Ask your IT contact to fix the folder&apos;s permissions, then synchronise again. Nothing was lost.</source>
      <translation>Demandez à votre contact informatique de corriger les droits du dossier, puis synchronisez à nouveau. Rien n&apos;est perdu.</translation>
    </message>
    <message>
      <source>The database on this laptop is damaged.</source>
      <translation>La base de données de cet ordinateur est endommagée.</translation>
    </message>
    <message>
      <source>Keep a copy of the data folder, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>Gardez une copie du dossier de données, ne le supprimez pas, et appelez votre coordinateur : il peut restaurer la dernière sauvegarde.</translation>
    </message>
    <message>
      <source>Nothing was lost. Synchronise again; if it happens again, send the log file to your coordinator.</source>
      <translation>Rien n&apos;est perdu. Synchronisez à nouveau ; si cela se reproduit, envoyez le fichier journal à votre coordinateur.</translation>
    </message>
  </context>
  <context>
    <name>SyncPanel</name>
    <message numerus="yes">
      <source>Received but set aside (%n)…</source>
      <translation>
        <numerusform>Reçu mais mis de côté (%n)…</numerusform>
        <numerusform>Reçus mais mis de côté (%n)…</numerusform>
      </translation>
    </message>
    <message>
      <source>The server was restored from an older backup: %1 change(s) it had lost were sent again.</source>
      <translation>Le serveur a été restauré depuis une sauvegarde plus ancienne : %1 modification(s) qu'il avait perdue(s) lui ont été renvoyée(s).</translation>
    </message>
    <message>
      <source>This server is another database than the last one: %1 change(s) it did not hold were sent.</source>
      <translation>Ce serveur est une autre base de données que la précédente : %1 modification(s) qu'il n'avait pas lui ont été envoyée(s).</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <source>Stops at the next safe point: nothing is lost, the rest is sent next time</source>
      <translation>S'arrête à la prochaine étape sûre : rien n'est perdu, le reste part la prochaine fois</translation>
    </message>
    <message>
      <source>Progress</source>
      <translation>Progression</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Modifications</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Photos</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Reçu</translation>
    </message>
    <message>
      <source>This sync</source>
      <translation>Cette synchronisation</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>envoyées</translation>
    </message>
    <message>
      <source>merged</source>
      <translation>fusionnées</translation>
    </message>
    <message>
      <source>conflicts</source>
      <translation>conflits</translation>
    </message>
    <message>
      <source>set aside</source>
      <translation>mises de côté</translation>
    </message>
    <message>
      <source>received</source>
      <translation>reçues</translation>
    </message>
    <message>
      <source>Log</source>
      <translation>Journal</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Modification</translation>
    </message>
    <message>
      <source>Made on</source>
      <translation>Faite le</translation>
    </message>
    <message>
      <source>Why the server refused it</source>
      <translation>Pourquoi le serveur l'a refusée</translation>
    </message>
    <message numerus="yes">
      <source>Set aside by the server (%n)</source>
      <translation>
        <numerusform>Mise de côté par le serveur (%n)</numerusform>
        <numerusform>Mises de côté par le serveur (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>Set aside by the server: none</source>
      <translation>Mises de côté par le serveur : aucune</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Annulation…</translation>
    </message>
    <message>
      <source>Synchronising…</source>
      <translation>Synchronisation en cours…</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Dernière synchro : %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>Jamais synchronisé</translation>
    </message>
    <message>
      <source>Cancelling: the sync stops after the current step.</source>
      <translation>Annulation : la synchronisation s'arrête après l'étape en cours.</translation>
    </message>
    <message>
      <source>Sync started by hand.</source>
      <translation>Synchronisation lancée à la main.</translation>
    </message>
    <message>
      <source>Sync started: the server is reachable.</source>
      <translation>Synchronisation lancée : le serveur est joignable.</translation>
    </message>
    <message>
      <source>Sync started: changes are waiting to be sent.</source>
      <translation>Synchronisation lancée : des modifications attendent d'être envoyées.</translation>
    </message>
    <message>
      <source>Periodic sync started.</source>
      <translation>Synchronisation périodique lancée.</translation>
    </message>
    <message>
      <source>Sync started.</source>
      <translation>Synchronisation lancée.</translation>
    </message>
    <message numerus="yes">
      <source>Sending changes: %n waiting.</source>
      <translation>
        <numerusform>Envoi des modifications : %n en attente.</numerusform>
        <numerusform>Envoi des modifications : %n en attente.</numerusform>
      </translation>
    </message>
    <message>
      <source>Uploading photos: %1.</source>
      <translation>Envoi des photos : %1.</translation>
    </message>
    <message>
      <source>Receiving what changed on the server.</source>
      <translation>Réception de ce qui a changé sur le serveur.</translation>
    </message>
    <message numerus="yes">
      <source>%n received</source>
      <translation>
        <numerusform>%n reçu</numerusform>
        <numerusform>%n reçus</numerusform>
      </translation>
    </message>
    <message>
      <source>nothing to do</source>
      <translation>rien à faire</translation>
    </message>
    <message>
      <source>Changes: %1 sent and acknowledged (%2 merged, %3 in conflict), %4 set aside.</source>
      <translation>Modifications : %1 envoyées et confirmées (%2 fusionnées, %3 en conflit), %4 mises de côté.</translation>
    </message>
    <message>
      <source>Photos: upload done.</source>
      <translation>Photos : envoi terminé.</translation>
    </message>
    <message numerus="yes">
      <source>Received: %n change(s) from the server.</source>
      <translation>
        <numerusform>Reçu : %n modification du serveur.</numerusform>
        <numerusform>Reçu : %n modifications du serveur.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Cancelled. Nothing was lost: %n change(s) still to send.</source>
      <translation>
        <numerusform>Annulée. Rien n'est perdu : %n modification reste à envoyer.</numerusform>
        <numerusform>Annulée. Rien n'est perdu : %n modifications restent à envoyer.</numerusform>
      </translation>
    </message>
    <message>
      <source>Failed: %1 %2</source>
      <translation>Échec : %1 %2</translation>
    </message>
    <message>
      <source>stopped</source>
      <translation>arrêté</translation>
    </message>
    <message>
      <source>Sync finished in %1 s.</source>
      <translation>Synchronisation terminée en %1 s.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) still to send.</source>
      <translation>
        <numerusform>%n modification reste à envoyer.</numerusform>
        <numerusform>%n modifications restent à envoyer.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) of imported bundles still to relay to the server.</source>
      <translation>
        <numerusform>%n modification d&apos;un bundle importé reste à relayer au serveur.</numerusform>
        <numerusform>%n modifications de bundles importés restent à relayer au serveur.</numerusform>
      </translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min ahead of the server&apos;s: set its date and time.</source>
      <translation>L’horloge de cet ordinateur avance de %1 min sur celle du serveur : réglez sa date et son heure.</translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min behind the server&apos;s: set its date and time.</source>
      <translation>L’horloge de cet ordinateur retarde de %1 min sur celle du serveur : réglez sa date et son heure.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) set aside by the server: see the list below.</source>
      <translation>
        <numerusform>%n modification mise de côté par le serveur : voir la liste ci-dessous.</numerusform>
        <numerusform>%n modifications mises de côté par le serveur : voir la liste ci-dessous.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) in conflict wait for your choice (Conflicts).</source>
      <translation>
        <numerusform>%n question en conflit attend votre choix (Conflits).</numerusform>
        <numerusform>%n questions en conflit attendent votre choix (Conflits).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) decided on another laptop: closed here.</source>
      <translation>
        <numerusform>%n conflit décidé sur un autre ordinateur : fermé ici.</numerusform>
        <numerusform>%n conflits décidés sur un autre ordinateur : fermés ici.</numerusform>
      </translation>
    </message>
    <message>
      <source>Server unreachable</source>
      <translation>Serveur injoignable</translation>
    </message>
    <message>
      <source>next try at %1</source>
      <translation>nouvel essai à %1</translation>
    </message>
    <message>
      <source>The server cannot be reached; next try at %1.</source>
      <translation>Le serveur est injoignable ; nouvel essai à %1.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>next try at %1</source>
      <translation>nouvel essai à %1</translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) to send</source>
      <translation><numerusform>%n brouillon à envoyer</numerusform><numerusform>%n brouillons à envoyer</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) in progress</source>
      <translation><numerusform>%n brouillon en cours</numerusform><numerusform>%n brouillons en cours</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>(%n to send)</source>
      <translation>
        <numerusform>(%n à envoyer)</numerusform>
        <numerusform>(%n à envoyer)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) to send</source>
      <translation><numerusform>%n enquête finalisée à envoyer</numerusform><numerusform>%n enquêtes finalisées à envoyer</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n other change(s) to send</source>
      <translation><numerusform>%n autre modification à envoyer</numerusform><numerusform>%n autres modifications à envoyer</numerusform></translation>
    </message>
    <message>
      <source>Nothing to send</source>
      <translation>Rien à envoyer</translation>
    </message>
        <message numerus="yes">
      <source>%n refused by the server</source>
      <translation><numerusform>%n refusée par le serveur</numerusform><numerusform>%n refusées par le serveur</numerusform></translation>
    </message>
    <message>
      <source>● Not enrolled</source>
      <translation>● Non inscrit</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● Hors ligne</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● En ligne</translation>
    </message>
    <message>
      <source>● Synchronising…</source>
      <translation>● Synchronisation…</translation>
    </message>
    <message>
      <source>● Sync problem</source>
      <translation>● Problème de synchronisation</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>Cet ordinateur n'est pas encore inscrit auprès du serveur central.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>%n modification à envoyer</numerusform>
        <numerusform>%n modifications à envoyer</numerusform>
      </translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Dernière synchro : %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>Jamais synchronisé</translation>
    </message>
    <message>
      <source>Click to open the Sync panel</source>
      <translation>Cliquez pour ouvrir le panneau de synchronisation</translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) to resolve</source>
      <translation>
        <numerusform>%n conflit à résoudre</numerusform>
        <numerusform>%n conflits à résoudre</numerusform>
      </translation>
    </message>
    <message>
      <source>● Server unreachable</source>
      <translation>● Serveur injoignable</translation>
    </message>
  </context>
  <context>
    <name>ValidationPanel</name>
    <message>
      <source>Close the list</source>
      <translation>Fermer la liste</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) missing or to correct before finalizing</source>
      <translation>
        <numerusform>%n réponse manquante ou à corriger avant de finaliser</numerusform>
        <numerusform>%n réponses manquantes ou à corriger avant de finaliser</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing is missing: the survey can be finalized.</source>
      <translation>Rien ne manque : l'enquête peut être finalisée.</translation>
    </message>
  </context>
  <context>
    <name>NewerVersionBanner</name>
    <message>
      <source>A newer version of this form (%1) is available. Your answers stay in the version this survey was started with until you move it.</source>
      <translation>Une nouvelle version de ce formulaire (%1) est disponible. Vos réponses restent dans la version avec laquelle cette enquête a commencé tant que vous ne la déplacez pas.</translation>
    </message>
    <message>
      <source>Move this draft to %1…</source>
      <translation>Passer ce brouillon à la version %1…</translation>
    </message>
  </context>
  <context>
    <name>MoveDialog</name>
    <message>
      <source>(no answer)</source>
      <translation>(pas de réponse)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>une photo</translation>
    </message>
    <message numerus="yes">
      <source>%n entries</source>
      <translation>
        <numerusform>%n entrée</numerusform>
        <numerusform>%n entrées</numerusform>
      </translation>
    </message>
    <message>
      <source>Move this draft to version %1</source>
      <translation>Passer ce brouillon à la version %1</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) do not fit version %1 and will be removed from this draft. They are kept in the journal of this laptop, so nothing is lost. Every other answer is kept; check the form afterwards.</source>
      <translation>
        <numerusform>%n réponse ne correspond pas à la version %1 et sera retirée de ce brouillon. Elle reste dans le journal de cet ordinateur : rien n'est perdu. Toutes les autres réponses sont gardées ; vérifiez le formulaire ensuite.</numerusform>
        <numerusform>%n réponses ne correspondent pas à la version %1 et seront retirées de ce brouillon. Elles restent dans le journal de cet ordinateur : rien n'est perdu. Toutes les autres réponses sont gardées ; vérifiez le formulaire ensuite.</numerusform>
      </translation>
    </message>
    <message>
      <source>Every answer fits version %1: nothing will be removed. Check the form afterwards for new questions.</source>
      <translation>Toutes les réponses correspondent à la version %1 : rien ne sera retiré. Vérifiez ensuite le formulaire pour les nouvelles questions.</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>Réponse</translation>
    </message>
    <message>
      <source>Why it does not fit</source>
      <translation>Pourquoi elle ne correspond pas</translation>
    </message>
    <message>
      <source>Move to %1</source>
      <translation>Passer à %1</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
  </context>
  <context>
    <name>TimeEditor</name>
    <message>
      <source>HH:MM</source>
      <translation>HH:MM</translation>
    </message>
    <message>
      <source>Type a time of day, e.g. 14:30.</source>
      <translation>Saisissez une heure, par ex. 14:30.</translation>
    </message>
  </context>
  <context>
    <name>DateTimeEditor</name>
    <message>
      <source>YYYY-MM-DD HH:MM</source>
      <translation>AAAA-MM-JJ HH:MM</translation>
    </message>
    <message>
      <source>Type a date and a time, e.g. 2025-03-01 14:30.</source>
      <translation>Saisissez une date et une heure, par ex. 2025-03-01 14:30.</translation>
    </message>
  </context>
  <context>
    <name>BarcodeEditor</name>
    <message>
      <source>Type or scan the code</source>
      <translation>Saisissez ou scannez le code</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>Each line must be 'latitude longitude' on the globe.</source>
      <translation>Chaque ligne doit être « latitude longitude » sur le globe.</translation>
    </message>
  </context>
  <context>
    <name>RangeEditor</name>
    <message>
      <source>Clear</source>
      <translation>Effacer</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>non renseigné</translation>
    </message>
  </context>
  <context>
    <name>AcknowledgeEditor</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
  </context>
  <context>
    <name>PinDialog</name>
    <message>
      <source>FieldApp is locked</source>
      <translation>FieldApp est verrouillé</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>This profile's data is encrypted on this laptop. Choose a PIN or passphrase of at least %1 characters. Without it nobody, not even you, can read the data: write it down somewhere safe.</source>
      <translation>Les données de ce profil sont chiffrées sur cet ordinateur. Choisissez un code PIN ou une phrase secrète d'au moins %1 caractères. Sans lui, personne, pas même vous, ne peut lire les données : notez-le en lieu sûr.</translation>
    </message>
    <message>
      <source>The window was locked after a few minutes without use.</source>
      <translation>La fenêtre a été verrouillée après quelques minutes sans utilisation.</translation>
    </message>
    <message>
      <source>Type the PIN or passphrase of this profile.</source>
      <translation>Saisissez le code PIN ou la phrase secrète de ce profil.</translation>
    </message>
    <message>
      <source>PIN or passphrase</source>
      <translation>Code PIN ou phrase secrète</translation>
    </message>
    <message>
      <source>PIN or passphrase:</source>
      <translation>Code PIN ou phrase secrète :</translation>
    </message>
    <message>
      <source>The same again</source>
      <translation>Le même, à nouveau</translation>
    </message>
    <message>
      <source>The same again:</source>
      <translation>Le même, à nouveau :</translation>
    </message>
    <message>
      <source>Forgot the PIN? The data on this laptop cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>Code PIN oublié ? Les données de cet ordinateur ne peuvent pas être récupérées : ce qui a été synchronisé est en sécurité sur le serveur. Demandez un nouveau code d'enrôlement à votre coordinateur et enrôlez de nouveau cet ordinateur sur un nouveau profil.</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Déverrouiller</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Quitter</translation>
    </message>
    <message>
      <source>The two PINs differ.</source>
      <translation>Les deux codes PIN diffèrent.</translation>
    </message>
    <message>
      <source>Choose at least %1 characters.</source>
      <translation>Choisissez au moins %1 caractères.</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase.</source>
      <translation>Code PIN ou phrase secrète incorrect.</translation>
    </message>
  </context>
  <context>
    <name>FirstStart</name>
    <message>
      <source>No establishments on this laptop yet</source>
      <translation>Aucun établissement sur cet ordinateur pour l'instant</translation>
    </message>
    <message>
      <source>Enroll this laptop with the central server: your coordinator gives you an enrollment code, a one-time code of a few letters and digits that is valid for a few hours. Once enrolled, the first synchronisation brings the establishments assigned to you and the survey form.</source>
      <translation>Inscrivez cet ordinateur auprès du serveur central : votre coordinateur vous donne un code d'inscription, un code à usage unique de quelques lettres et chiffres, valable quelques heures. Une fois inscrit, la première synchronisation apporte les établissements qui vous sont attribués et le questionnaire.</translation>
    </message>
    <message>
      <source>Enroll this laptop…</source>
      <translation>Inscrire cet ordinateur…</translation>
    </message>
  </context>
  <context>
    <name>Refusals</name>
    <message>
      <source>this question is no longer in the form version the survey follows: only the server's value can be kept</source>
      <translation>cette question ne figure plus dans la version du formulaire que suit l'enquête : seule la valeur du serveur peut être gardée</translation>
    </message>
    <message>
      <source>the server does not have this file yet: it is sent again</source>
      <translation>le serveur n'a pas encore ce fichier : il est renvoyé</translation>
    </message>
    <message>
      <source>this establishment is no longer assigned to you</source>
      <translation>cet établissement ne vous est plus attribué</translation>
    </message>
    <message>
      <source>this establishment is outside your regions</source>
      <translation>cet établissement est hors de vos régions</translation>
    </message>
    <message>
      <source>the server does not know this establishment</source>
      <translation>le serveur ne connaît pas cet établissement</translation>
    </message>
    <message>
      <source>this survey belongs to another establishment</source>
      <translation>cette enquête appartient à un autre établissement</translation>
    </message>
    <message>
      <source>the server does not know this form version</source>
      <translation>le serveur ne connaît pas cette version du formulaire</translation>
    </message>
    <message>
      <source>some answers are not accepted by the form on the server</source>
      <translation>des réponses ne sont pas acceptées par le formulaire du serveur</translation>
    </message>
    <message>
      <source>a text holds characters the server does not accept</source>
      <translation>un texte contient des caractères que le serveur n&apos;accepte pas</translation>
    </message>
    <message>
      <source>an answer is longer than the server accepts</source>
      <translation>une réponse est plus longue que ce que le serveur accepte</translation>
    </message>
    <message>
      <source>it is larger than the server accepts</source>
      <translation>elle est plus volumineuse que ce que le serveur accepte</translation>
    </message>
    <message>
      <source>this survey was approved: ask your coordinator to return it</source>
      <translation>cette enquête a été approuvée : demandez à votre coordinateur de la renvoyer</translation>
    </message>
    <message>
      <source>your account may not make this change</source>
      <translation>votre compte ne peut pas faire cette modification</translation>
    </message>
    <message>
      <source>the server could not store it</source>
      <translation>le serveur n&apos;a pas pu l&apos;enregistrer</translation>
    </message>
    <message>
      <source>this change is malformed</source>
      <translation>cette modification est mal formée</translation>
    </message>
    <message>
      <source>this kind of change is unknown to the server</source>
      <translation>le serveur ne connaît pas ce type de modification</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server never had</source>
      <translation>elle part d&apos;une version de l&apos;enquête que le serveur n&apos;a jamais eue</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server no longer has</source>
      <translation>elle part d&apos;une version de l&apos;enquête que le serveur n&apos;a plus</translation>
    </message>
    <message>
      <source>this laptop already sent a newer version of this survey</source>
      <translation>cet ordinateur a déjà envoyé une version plus récente de cette enquête</translation>
    </message>
    <message>
      <source>this profile was copied from another laptop: enroll it anew</source>
      <translation>ce profil a été copié depuis un autre ordinateur : inscrivez-le à nouveau</translation>
    </message>
    <message>
      <source>the same change was sent twice with different content</source>
      <translation>la même modification a été envoyée deux fois avec un contenu différent</translation>
    </message>
    <message>
      <source>the server does not know this survey</source>
      <translation>le serveur ne connaît pas cette enquête</translation>
    </message>
    <message>
      <source>the survey changed since you reviewed it: review it again</source>
      <translation>l&apos;enquête a changé depuis votre relecture : relisez-la à nouveau</translation>
    </message>
    <message>
      <source>the survey is not finalized</source>
      <translation>l&apos;enquête n&apos;est pas finalisée</translation>
    </message>
    <message>
      <source>the server does not know this agent</source>
      <translation>le serveur ne connaît pas cet enquêteur</translation>
    </message>
    <message>
      <source>this account is not a field agent</source>
      <translation>ce compte n&apos;est pas celui d&apos;un enquêteur</translation>
    </message>
    <message>
      <source>the bundle&apos;s signature or region does not match</source>
      <translation>la signature ou la région du paquet ne correspond pas</translation>
    </message>
    <message>
      <source>the photo file is missing on this laptop</source>
      <translation>le fichier de la photo manque sur cet ordinateur</translation>
    </message>
    <message>
      <source>the photo file is damaged on this laptop</source>
      <translation>le fichier de la photo est endommagé sur cet ordinateur</translation>
    </message>
    <message>
      <source>the photo arrived damaged; it is sent again</source>
      <translation>la photo est arrivée endommagée ; elle est renvoyée</translation>
    </message>
    <message>
      <source>the photo upload must start again</source>
      <translation>l&apos;envoi de la photo doit reprendre depuis le début</translation>
    </message>
    <message>
      <source>the server asked to receive everything again</source>
      <translation>le serveur a demandé de tout recevoir à nouveau</translation>
    </message>
    <message>
      <source>the server is another database than before</source>
      <translation>le serveur est une autre base de données qu&apos;avant</translation>
    </message>
    <message>
      <source>the server was restored from an older backup</source>
      <translation>le serveur a été restauré depuis une sauvegarde plus ancienne</translation>
    </message>
    <message>
      <source>the server no longer accepts this laptop: enroll it again</source>
      <translation>le serveur n&apos;accepte plus cet ordinateur : inscrivez-le à nouveau</translation>
    </message>
    <message>
      <source>the server could not read what was sent</source>
      <translation>le serveur n&apos;a pas pu lire ce qui a été envoyé</translation>
    </message>
    <message>
      <source>this FieldApp does not match the server&apos;s version</source>
      <translation>ce FieldApp ne correspond pas à la version du serveur</translation>
    </message>
    <message>
      <source>the server is busy: it is tried again later</source>
      <translation>le serveur est occupé : nouvel essai plus tard</translation>
    </message>
    <message>
      <source>too many tries: wait a few minutes</source>
      <translation>trop d&apos;essais : attendez quelques minutes</translation>
    </message>
    <message>
      <source>this enrollment code is unknown</source>
      <translation>ce code d&apos;inscription est inconnu</translation>
    </message>
    <message>
      <source>this enrollment code was already used</source>
      <translation>ce code d&apos;inscription a déjà été utilisé</translation>
    </message>
    <message>
      <source>this enrollment code has expired</source>
      <translation>ce code d&apos;inscription a expiré</translation>
    </message>
    <message>
      <source>this user account is disabled on the server</source>
      <translation>ce compte est désactivé sur le serveur</translation>
    </message>
    <message>
      <source>the server refused it</source>
      <translation>le serveur l&apos;a refusée</translation>
    </message>
    <message>
      <source>%1 (question “%2”)</source>
      <translation>%1 (question « %2 »)</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1 : %2</translation>
    </message>
    <message>
      <source>the photo&apos;s fingerprint is not valid</source>
      <translation>l&apos;empreinte de la photo n&apos;est pas valide</translation>
    </message>
  </context>
  <context>
    <name>FileEditor</name>
    <message>
      <source>Replace the recording…</source>
      <translation>Remplacer l'enregistrement…</translation>
    </message>
    <message>
      <source>Choose a recording…</source>
      <translation>Choisir un enregistrement…</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>Écouter</translation>
    </message>
    <message>
      <source>Replace the video…</source>
      <translation>Remplacer la vidéo…</translation>
    </message>
    <message>
      <source>Choose a video…</source>
      <translation>Choisir une vidéo…</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>Regarder</translation>
    </message>
    <message>
      <source>Replace the file…</source>
      <translation>Remplacer le fichier…</translation>
    </message>
    <message>
      <source>Choose a file…</source>
      <translation>Choisir un fichier…</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Ouvrir</translation>
    </message>
    <message>
      <source>Opens with the program this computer uses for such files</source>
      <translation>S'ouvre avec le programme que cet ordinateur utilise pour ce type de fichier</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Retirer</translation>
    </message>
    <message>
      <source>Attaching the file…</source>
      <translation>Ajout du fichier…</translation>
    </message>
    <message>
      <source>No file</source>
      <translation>Aucun fichier</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message>
      <source>Recordings</source>
      <translation>Révision</translation>
    </message>
    <message>
      <source>Videos</source>
      <translation>Vidéos</translation>
    </message>
    <message>
      <source>Accepted files</source>
      <translation>Fichiers acceptés</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>Choose a file</source>
      <translation>Choisir un fichier</translation>
    </message>
    <message>
      <source>The file %1 is empty.</source>
      <translation>Le fichier %1 est vide.</translation>
    </message>
    <message>
      <source>The file %1 is too large (%2): the limit is %3.</source>
      <translation>Le fichier %1 est trop volumineux (%2) : la limite est de %3.</translation>
    </message>
    <message>
      <source>The file %1 is not of a type this question takes (%2).</source>
      <translation>Le fichier %1 n'est pas d'un type que cette question accepte (%2).</translation>
    </message>
    <message>
      <source>The file %1 cannot be read.</source>
      <translation>Le fichier %1 ne peut pas être lu.</translation>
    </message>
    <message>
      <source>No program on this computer opens %1.</source>
      <translation>Aucun programme de cet ordinateur n'ouvre %1.</translation>
    </message>
    <message>
      <source>The file %1 is not on this computer yet.</source>
      <translation>Le fichier %1 n'est pas encore sur cet ordinateur.</translation>
    </message>
  </context>
  <context>
    <name>QuestionView</name>
    <message>
      <source>Watch: %1</source>
      <translation>Regarder : %1</translation>
    </message>
    <message>
      <source>Listen: %1</source>
      <translation>Écouter : %1</translation>
    </message>
    <message>
      <source>Play the video of this label (%1)</source>
      <translation>Regarder la vidéo de ce libellé (%1)</translation>
    </message>
    <message>
      <source>Play the recording of this label (%1)</source>
      <translation>Écouter l'enregistrement de ce libellé (%1)</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>Regarder</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>Écouter</translation>
    </message>
    <message>
      <source>Video missing: %1</source>
      <translation>Vidéo manquante : %1</translation>
    </message>
    <message>
      <source>Audio missing: %1</source>
      <translation>Audio manquant : %1</translation>
    </message>
    <message>
      <source>Image missing: %1</source>
      <translation>Image manquante : %1</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>One point per line: latitude longitude (or click on the map)</source>
      <translation>Un point par ligne : latitude longitude (ou cliquez sur la carte)</translation>
    </message>
    <message>
      <source>Close the shape</source>
      <translation>Fermer la forme</translation>
    </message>
    <message>
      <source>Area: %1 · perimeter: %2</source>
      <translation>Surface : %1 · périmètre : %2</translation>
    </message>
    <message>
      <source>Length: %1</source>
      <translation>Longueur : %1</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAside</name>
    <message>
      <source>A survey</source>
      <translation>Une enquête</translation>
    </message>
    <message>
      <source>An establishment</source>
      <translation>Un établissement</translation>
    </message>
    <message>
      <source>A form version</source>
      <translation>Une version de formulaire</translation>
    </message>
    <message>
      <source>A coordinator's review</source>
      <translation>Une décision du coordinateur</translation>
    </message>
    <message>
      <source>A conflict</source>
      <translation>Un conflit</translation>
    </message>
    <message>
      <source>An item</source>
      <translation>Un élément</translation>
    </message>
    <message>
      <source>it holds characters that are not valid text</source>
      <translation>il contient des caractères qui ne sont pas du texte valide</translation>
    </message>
    <message>
      <source>it is larger than this app accepts</source>
      <translation>il est plus grand que ce que l'application accepte</translation>
    </message>
    <message>
      <source>it names a photo in a way this app refuses</source>
      <translation>il désigne une photo d'une façon que l'application refuse</translation>
    </message>
    <message>
      <source>it is malformed</source>
      <translation>il est mal formé</translation>
    </message>
    <message>
      <source>this app could not apply it</source>
      <translation>l'application n'a pas pu l'appliquer</translation>
    </message>
    <message>
      <source>Update FieldApp if a newer version exists; otherwise copy the details for your coordinator. Then receive everything again.</source>
      <translation>Mettez FieldApp à jour si une version plus récente existe ; sinon copiez les détails pour votre coordinateur. Puis recevez tout à nouveau.</translation>
    </message>
    <message>
      <source>Copy the details for your coordinator, who corrects it on the server; then receive everything again.</source>
      <translation>Copiez les détails pour votre coordinateur, qui le corrige sur le serveur ; puis recevez tout à nouveau.</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAsideDialog</name>
    <message>
      <source>Received items set aside</source>
      <translation>Éléments reçus mis de côté</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Reçu le</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Quoi</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Pourquoi</translation>
    </message>
    <message>
      <source>What you can do</source>
      <translation>Ce que vous pouvez faire</translation>
    </message>
    <message>
      <source>&amp;Copy the details</source>
      <translation>&amp;Copier les détails</translation>
    </message>
    <message>
      <source>&amp;Receive everything again</source>
      <translation>&amp;Recevoir tout à nouveau</translation>
    </message>
    <message>
      <source>At the next sync; your own changes are kept and nothing is sent twice</source>
      <translation>À la prochaine synchronisation ; vos propres modifications sont gardées et rien n'est envoyé deux fois</translation>
    </message>
    <message>
      <source>&amp;Hide these</source>
      <translation>&amp;Masquer ceux-ci</translation>
    </message>
    <message numerus="yes">
      <source>The server sent %n item(s) this laptop did not apply. Everything else was received; these wait for a correction on the server.</source>
      <translation>
        <numerusform>Le serveur a envoyé %n élément que cet ordinateur n'a pas appliqué. Tout le reste a été reçu ; il attend une correction sur le serveur.</numerusform>
        <numerusform>Le serveur a envoyé %n éléments que cet ordinateur n'a pas appliqués. Tout le reste a été reçu ; ils attendent une correction sur le serveur.</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing received was set aside.</source>
      <translation>Rien de ce qui a été reçu n'a été mis de côté.</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>The details are copied: paste them in a message.</source>
      <translation>Les détails sont copiés : collez-les dans un message.</translation>
    </message>
    <message>
      <source>The next sync receives everything again; what was corrected is applied.</source>
      <translation>La prochaine synchronisation reçoit tout à nouveau ; ce qui a été corrigé est appliqué.</translation>
    </message>
  </context>
  <context>
    <name>ChecklistEditor</name>
    <message>
      <source>%1 chosen: %2</source>
      <translation>%1 choisis : %2</translation>
    </message>
    <message>
      <source>Nothing chosen</source>
      <translation>Aucun choix</translation>
    </message>
  </context>
</TS>