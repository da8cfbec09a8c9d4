<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>ConflictList</name>
    <message>
      <source>This question is no longer in version %1 of the form, which this survey now follows: only the server's value can be kept. Yours would be an answer that no version of this survey holds; it stays in the conflict's record on the server.</source>
      <translation>This question is no longer in version %1 of the form, which this survey now follows: only the server's value can be kept. Yours would be an answer that no version of this survey holds; it stays in the conflict's record on the server.</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>Establishment</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Other device</source>
      <translation>Other device</translation>
    </message>
    <message>
      <source>This laptop</source>
      <translation>This laptop</translation>
    </message>
    <message>
      <source>Other device (on the server)</source>
      <translation>Other device (on the server)</translation>
    </message>
    <message>
      <source>Keep &amp;this value</source>
      <translation>Keep &amp;this value</translation>
    </message>
    <message>
      <source>Keep t&amp;his value</source>
      <translation>Keep t&amp;his value</translation>
    </message>
    <message>
      <source>Or another value:</source>
      <translation>Or another value:</translation>
    </message>
    <message>
      <source>Save this &amp;value</source>
      <translation>Save this &amp;value</translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) were changed on another device too. For each, keep one value or enter the right one: your choice is sent at the next sync.</source>
      <translation>
        <numerusform>%n question was changed on another device too. Keep one value or enter the right one: your choice is sent at the next sync.</numerusform>
        <numerusform>%n questions were changed on another device too. For each, keep one value or enter the right one: your choice is sent at the next sync.</numerusform>
      </translation>
    </message>
    <message>
      <source>No conflict: nothing waits for your choice.</source>
      <translation>No conflict: nothing waits for your choice.</translation>
    </message>
    <message>
      <source>(no answer)</source>
      <translation>(no answer)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>a photo</translation>
    </message>
    <message>
      <source>a list of %1</source>
      <translation>a list of %1</translation>
    </message>
  </context>
  <context>
    <name>DateEditor</name>
    <message>
      <source>mm/yyyy</source>
      <translation>mm/yyyy</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>Calendar (F4)</source>
      <translation>Calendar (F4)</translation>
    </message>
    <message>
      <source>Calendar</source>
      <translation>Calendar</translation>
    </message>
    <message>
      <source>This month</source>
      <translation>This month</translation>
    </message>
    <message>
      <source>Not a month: type it as mm/yyyy, e.g. 03/2026.</source>
      <translation>Not a month: type it as mm/yyyy, e.g. 03/2026.</translation>
    </message>
    <message>
      <source>Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.</source>
      <translation>Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.</translation>
    </message>
    <message>
      <source>No date</source>
      <translation>No date</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
  </context>
  <context>
    <name>EnrollDialog</name>
    <message>
      <source>This server is another database than the one this laptop synchronised with: the next synchronisation sends every survey it does not hold.</source>
      <translation>This server is another database than the one this laptop synchronised with: the next synchronisation sends every survey it does not hold.</translation>
    </message>
    <message>
      <source>The demo data of this profile (%1 surveys) were removed, never sent; your assigned establishments come with the next synchronisation.</source>
      <translation>The demo data of this profile (%1 surveys) were removed, never sent; your assigned establishments come with the next synchronisation.</translation>
    </message>
    <message>
      <source>Enroll this laptop</source>
      <translation>Enroll this laptop</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code your coordinator gave you. The connection is always verified; if your organisation has its own certificate authority, choose its file.</source>
      <translation>Enter the server address and the one-time code your coordinator gave you. The connection is always verified; if your organisation has its own certificate authority, choose its file.</translation>
    </message>
    <message>
      <source>&amp;Server address</source>
      <translation>&amp;Server address</translation>
    </message>
    <message>
      <source>Enrollment &amp;code</source>
      <translation>Enrollment &amp;code</translation>
    </message>
    <message>
      <source>CA &amp;bundle (optional)</source>
      <translation>CA &amp;bundle (optional)</translation>
    </message>
    <message>
      <source>the system&apos;s certificate authorities</source>
      <translation>the system's certificate authorities</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>&amp;Enroll</source>
      <translation>&amp;Enroll</translation>
    </message>
    <message>
      <source>Certificate authority bundle</source>
      <translation>Certificate authority bundle</translation>
    </message>
    <message>
      <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
      <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
      <source>Enter the server address and the enrollment code.</source>
      <translation>Enter the server address and the enrollment code.</translation>
    </message>
    <message>
      <source>Contacting the server…</source>
      <translation>Contacting the server…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Enrolled as %1 on %2. This laptop can now synchronise.</source>
      <translation>Enrolled as %1 on %2. This laptop can now synchronise.</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Cancelling…</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>The file %1 is not a FieldApp database.</source>
      <translation>The file %1 is not a FieldApp database.</translation>
    </message>
    <message>
      <source>It was left untouched. Move it away or choose another data folder, then start FieldApp again.</source>
      <translation>It was left untouched. Move it away or choose another data folder, then start FieldApp again.</translation>
    </message>
    <message>
      <source>This data was written by a newer version of FieldApp.</source>
      <translation>This data was written by a newer version of FieldApp.</translation>
    </message>
    <message>
      <source>Install the newer FieldApp on this laptop. Nothing was changed.</source>
      <translation>Install the newer FieldApp on this laptop. Nothing was changed.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in %1.</source>
      <translation>FieldApp cannot write in %1.</translation>
    </message>
    <message>
      <source>The folder is read-only. Choose a folder you can write to, or ask your IT contact to fix its permissions.</source>
      <translation>The folder is read-only. Choose a folder you can write to, or ask your IT contact to fix its permissions.</translation>
    </message>
    <message>
      <source>The disk is full: the last change was not saved.</source>
      <translation>The disk is full: the last change was not saved.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then save again. Your answers are still on the screen.</source>
      <translation>Free some space (empty the recycle bin, move photos away), then save again. Your answers are still on the screen.</translation>
    </message>
    <message>
      <source>The database %1 is damaged.</source>
      <translation>The database %1 is damaged.</translation>
    </message>
    <message>
      <source>Keep a copy of the file, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>Keep a copy of the file, do not delete it, and call your coordinator: they can restore the last backup.</translation>
    </message>
    <message>
      <source>The data is in use by another FieldApp window.</source>
      <translation>The data is in use by another FieldApp window.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, then try again.</source>
      <translation>Close the other FieldApp window, then try again.</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp (process %1, %2).</source>
      <translation>This profile is already open in another FieldApp (process %1, %2).</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp.</source>
      <translation>This profile is already open in another FieldApp.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, or wait for the command to finish, then start FieldApp again. Nothing was changed.</source>
      <translation>Close the other FieldApp window, or wait for the command to finish, then start FieldApp again. Nothing was changed.</translation>
    </message>
    <message>
      <source>This record no longer exists on this laptop.</source>
      <translation>This record no longer exists on this laptop.</translation>
    </message>
    <message>
      <source>Go back to the list; it may have been removed by a synchronisation.</source>
      <translation>Go back to the list; it may have been removed by a synchronisation.</translation>
    </message>
    <message>
      <source>The change was refused.</source>
      <translation>The change was refused.</translation>
    </message>
    <message>
      <source>The image %1 cannot be read.</source>
      <translation>The image %1 cannot be read.</translation>
    </message>
    <message>
      <source>Choose a photo in JPEG or PNG format, or take it again.</source>
      <translation>Choose a photo in JPEG or PNG format, or take it again.</translation>
    </message>
    <message>
      <source>A file could not be read or written: %1</source>
      <translation>A file could not be read or written: %1</translation>
    </message>
    <message>
      <source>Check that the disk is present and has free space, then try again.</source>
      <translation>Check that the disk is present and has free space, then try again.</translation>
    </message>
    <message>
      <source>Something went wrong in FieldApp.</source>
      <translation>Something went wrong in FieldApp.</translation>
    </message>
    <message>
      <source>Your saved answers are safe. Try again; if it happens again, send the log file to your coordinator.</source>
      <translation>Your saved answers are safe. Try again; if it happens again, send the log file to your coordinator.</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>Log file: %1</source>
      <translation>Log file: %1</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase for this profile.</source>
      <translation>Wrong PIN or passphrase for this profile.</translation>
    </message>
    <message>
      <source>A forgotten PIN cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>A forgotten PIN cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</translation>
    </message>
    <message>
      <source>This profile is encrypted.</source>
      <translation>This profile is encrypted.</translation>
    </message>
    <message>
      <source>Start FieldApp again and type the profile's PIN or passphrase.</source>
      <translation>Start FieldApp again and type the profile's PIN or passphrase.</translation>
    </message>
    <message>
      <source>The laptop&apos;s database refused a record that breaks its rules: nothing of the last action was saved.</source>
      <translation>The laptop&apos;s database refused a record that breaks its rules: nothing of the last action was saved.</translation>
    </message>
    <message>
      <source>This is a problem of FieldApp, not of the disk or of your answers. Send the log file to your coordinator.</source>
      <translation>This is a problem of FieldApp, not of the disk or of your answers. Send the log file to your coordinator.</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>sent on %1</source>
      <translation>sent on %1</translation>
    </message>
    <message>
      <source>not sent</source>
      <translation>not sent</translation>
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
      <translation>Capacity</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>Manager</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Region</translation>
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
      <translation>Nearest OCP site</translation>
    </message>
    <message>
      <source>GPS position</source>
      <translation>GPS position</translation>
    </message>
    <message>
      <source>Surveys</source>
      <translation>Surveys</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>Started</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>Agent</translation>
    </message>
    <message>
      <source>Saves</source>
      <translation>Saves</translation>
    </message>
    <message>
      <source>&amp;Open survey</source>
      <translation>&amp;Open survey</translation>
    </message>
    <message>
      <source>&amp;Start a survey</source>
      <translation>&amp;Start a survey</translation>
    </message>
    <message>
      <source>Choose an establishment in the list to see its details.</source>
      <translation>Choose an establishment in the list to see its details.</translation>
    </message>
    <message>
      <source>&amp;Continue survey</source>
      <translation>&amp;Continue survey</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>Returned by your coordinator for correction:</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentFilters</name>
    <message>
      <source>Search by code, name (French or Arabic), commune…  (Ctrl+F)</source>
      <translation>Search by code, name (French or Arabic), commune…  (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search establishments</source>
      <translation>Search establishments</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>All regions</translation>
    </message>
    <message>
      <source>All types</source>
      <translation>All types</translation>
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
      <translation>Name</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Region</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Survey</source>
      <translation>Survey</translation>
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
      <translation>Accuracy (m)</translation>
    </message>
    <message>
      <source>Use the establishment's registered position</source>
      <translation>Use the establishment's registered position</translation>
    </message>
    <message>
      <source>The latitude must be between -90 and 90.</source>
      <translation>The latitude must be between -90 and 90.</translation>
    </message>
    <message>
      <source>The longitude must be between -180 and 180.</source>
      <translation>The longitude must be between -180 and 180.</translation>
    </message>
    <message>
      <source>Give both the latitude and the longitude.</source>
      <translation>Give both the latitude and the longitude.</translation>
    </message>
    <message>
      <source>The accuracy is a number of metres, 0 or more.</source>
      <translation>The accuracy is a number of metres, 0 or more.</translation>
    </message>
  </context>
  <context>
    <name>ImageEditor</name>
    <message>
      <source>Replace the photo…</source>
      <translation>Replace the photo…</translation>
    </message>
    <message>
      <source>Choose a photo…</source>
      <translation>Choose a photo…</translation>
    </message>
    <message>
      <source>Remove the photo</source>
      <translation>Remove the photo</translation>
    </message>
    <message>
      <source>Preparing the photo…</source>
      <translation>Preparing the photo…</translation>
    </message>
    <message>
      <source>No photo</source>
      <translation>No photo</translation>
    </message>
  </context>
  <context>
    <name>InstanceView</name>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>Remove %1</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Not started</source>
      <translation>Not started</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>Finalized</translation>
    </message>
    <message>
      <source>Returned for correction</source>
      <translation>Returned for correction</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>Home for the elderly</source>
      <translation>Home for the elderly</translation>
    </message>
    <message>
      <source>Children's home</source>
      <translation>Children's home</translation>
    </message>
    <message>
      <source>Centre for people with disabilities</source>
      <translation>Centre for people with disabilities</translation>
    </message>
    <message>
      <source>Centre for women in difficulty</source>
      <translation>Centre for women in difficulty</translation>
    </message>
    <message>
      <source>Multi-purpose social centre</source>
      <translation>Multi-purpose social centre</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>This laptop is not enrolled yet: enroll it with the code from your coordinator.</source>
      <translation>This laptop is not enrolled yet: enroll it with the code from your coordinator.</translation>
    </message>
    <message>
      <source>A synchronisation is already running.</source>
      <translation>A synchronisation is already running.</translation>
    </message>
    <message>
      <source>Synchronisation started…</source>
      <translation>Synchronisation started…</translation>
    </message>
    <message>
      <source>Surveys not sent</source>
      <translation>Surveys not sent</translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) not sent yet. They stay on this laptop and go at the next synchronisation (F5 when a connection is there).</source>
      <translation><numerusform>%n finalized survey not sent yet. It stays on this laptop and goes at the next synchronisation (F5 when a connection is there).</numerusform><numerusform>%n finalized surveys not sent yet. They stay on this laptop and go at the next synchronisation (F5 when a connection is there).</numerusform></translation>
    </message>
    <message>
      <source>Quit anyway</source>
      <translation>Quit anyway</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>Stay</translation>
    </message>
    <message>
      <source>Enter: next question (from the last one, the next section)</source>
      <translation>Enter: next question (from the last one, the next section)</translation>
    </message>
    <message>
      <source>1-9: pick the numbered choice; Up / Down: move between choices</source>
      <translation>1-9: pick the numbered choice; Up / Down: move between choices</translation>
    </message>
    <message>
      <source>Space: tick a box, add to a list (+ Add), choose a photo</source>
      <translation>Space: tick a box, add to a list (+ Add), choose a photo</translation>
    </message>
    <message>
      <source>Delete / Backspace on a choice: clear the answer</source>
      <translation>Delete / Backspace on a choice: clear the answer</translation>
    </message>
    <message>
      <source>Dates: type dd/mm/yyyy (a month: mm/yyyy); F4: calendar</source>
      <translation>Dates: type dd/mm/yyyy (a month: mm/yyyy); F4: calendar</translation>
    </message>
    <message>
      <source>Baseline survey of social-protection establishments</source>
      <translation>Baseline survey of social-protection establishments</translation>
    </message>
    <message>
      <source>&amp;FieldApp</source>
      <translation>&amp;FieldApp</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;Settings…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message numerus="yes">
      <source>%n establishment(s)</source>
      <translation>
        <numerusform>%n establishment</numerusform>
        <numerusform>%n establishments</numerusform>
      </translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Ctrl+F: search establishments</source>
      <translation>Ctrl+F: search establishments</translation>
    </message>
    <message>
      <source>Enter: open the selected establishment's survey</source>
      <translation>Enter: open the selected establishment's survey</translation>
    </message>
    <message>
      <source>Tab / Shift+Tab: next / previous question</source>
      <translation>Tab / Shift+Tab: next / previous question</translation>
    </message>
    <message>
      <source>Ctrl+PgDown / Ctrl+PgUp: next / previous section</source>
      <translation>Ctrl+PgDown / Ctrl+PgUp: next / previous section</translation>
    </message>
    <message>
      <source>Alt+Up / Alt+Down: move a ranked item</source>
      <translation>Alt+Up / Alt+Down: move a ranked item</translation>
    </message>
    <message>
      <source>Ctrl+S: save now (answers are also saved as you type)</source>
      <translation>Ctrl+S: save now (answers are also saved as you type)</translation>
    </message>
    <message>
      <source>Ctrl+Enter: finalize the survey</source>
      <translation>Ctrl+Enter: finalize the survey</translation>
    </message>
    <message>
      <source>F8: go to the list of missing answers</source>
      <translation>F8: go to the list of missing answers</translation>
    </message>
    <message>
      <source>Ctrl+W: back to the list</source>
      <translation>Ctrl+W: back to the list</translation>
    </message>
    <message>
      <source>Ctrl+,: settings</source>
      <translation>Ctrl+,: settings</translation>
    </message>
    <message>
      <source>S&amp;ynchronisation</source>
      <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;Synchronise now</translation>
    </message>
    <message>
      <source>Sync &amp;panel</source>
      <translation>Sync &amp;panel</translation>
    </message>
    <message>
      <source>&amp;Conflicts to resolve</source>
      <translation>&amp;Conflicts to resolve</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>Synchronisation</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <source>Survey of %1</source>
      <translation>Survey of %1</translation>
    </message>
    <message>
      <source>Photo %1</source>
      <translation>Photo %1</translation>
    </message>
    <message>
      <source>No system keyring works on this laptop: the PIN stays asked.</source>
      <translation>No system keyring works on this laptop: the PIN stays asked.</translation>
    </message>
    <message>
      <source>Review of the survey of %1</source>
      <translation>Review of the survey of %1</translation>
    </message>
    <message>
      <source>Assignment of %1</source>
      <translation>Assignment of %1</translation>
    </message>
    <message>
      <source>Change of %1</source>
      <translation>Change of %1</translation>
    </message>
  </context>
  <context>
    <name>RankEditor</name>
    <message>
      <source>Move up (Alt+Up)</source>
      <translation>Move up (Alt+Up)</translation>
    </message>
    <message>
      <source>Move down (Alt+Down)</source>
      <translation>Move down (Alt+Down)</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Move up</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Move down</translation>
    </message>
    <message>
      <source>Keep this order</source>
      <translation>Keep this order</translation>
    </message>
  </context>
  <context>
    <name>RepeatGrid</name>
    <message>
      <source>New row: type in it to add one</source>
      <translation>New row: type in it to add one</translation>
    </message>
    <message>
      <source>+ Add a row (Ctrl+Insert)</source>
      <translation>+ Add a row (Ctrl+Insert)</translation>
    </message>
    <message>
      <source>Or type in the last row, marked +</source>
      <translation>Or type in the last row, marked +</translation>
    </message>
    <message>
      <source>Enter: next cell · Tab: next cell, off the grid at its end · F2: edit · Esc: cancel · Delete: clear the cell · Ctrl+Insert: new row · Ctrl+Delete: remove the row</source>
      <translation>Enter: next cell · Tab: next cell, off the grid at its end · F2: edit · Esc: cancel · Delete: clear the cell · Ctrl+Insert: new row · Ctrl+Delete: remove the row</translation>
    </message>
    <message>
      <source>Not a number: type digits, with a comma or a point for decimals.</source>
      <translation>Not a number: type digits, with a comma or a point for decimals.</translation>
    </message>
    <message>
      <source>new row</source>
      <translation>new row</translation>
    </message>
    <message>
      <source>Type the first letters of the choice; F2 opens the list.</source>
      <translation>Type the first letters of the choice; F2 opens the list.</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Remove the row</source>
      <translation>Remove the row</translation>
    </message>
    <message>
      <source>This cell takes a number: type digits, with a comma or a point for decimals.</source>
      <translation>This cell takes a number: type digits, with a comma or a point for decimals.</translation>
    </message>
  </context>
  <context>
    <name>RepeatView</name>
    <message>
      <source>Space adds one; Enter goes on to the next question</source>
      <translation>Space adds one; Enter goes on to the next question</translation>
    </message>
    <message>
      <source>+ Add: %1</source>
      <translation>+ Add: %1</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>None yet.</translation>
    </message>
  </context>
  <context>
    <name>SelectOneEditor</name>
    <message>
      <source>Delete or Backspace clears the answer</source>
      <translation>Delete or Backspace clears the answer</translation>
    </message>
    <message>
      <source>Clear answer</source>
      <translation>Clear answer</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>&amp;Text size</source>
      <translation>&amp;Text size</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>Data folder</translation>
    </message>
    <message>
      <source>Log file</source>
      <translation>Log file</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normal</translation>
    </message>
    <message>
      <source>Large</source>
      <translation>Large</translation>
    </message>
    <message>
      <source>Very large</source>
      <translation>Very large</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>Server</translation>
    </message>
    <message>
      <source>Enrolled: %1</source>
      <translation>Enrolled: %1</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>This laptop is not yet enrolled with the central server.</translation>
    </message>
    <message>
      <source>&amp;Enroll again…</source>
      <translation>&amp;Enroll again…</translation>
    </message>
    <message>
      <source>&amp;Enroll this laptop…</source>
      <translation>&amp;Enroll this laptop…</translation>
    </message>
    <message>
      <source>Synchronise &amp;automatically when the server is reachable</source>
      <translation>Synchronise &amp;automatically when the server is reachable</translation>
    </message>
    <message>
      <source>Loc&amp;k after</source>
      <translation>Loc&amp;k after</translation>
    </message>
    <message>
      <source>&amp;Remember the PIN on this laptop (system keyring): no PIN at start</source>
      <translation>&amp;Remember the PIN on this laptop (system keyring): no PIN at start</translation>
    </message>
    <message>
      <source>%1 minutes without use</source>
      <translation>%1 minutes without use</translation>
    </message>
    <message>
      <source>Never</source>
      <translation>Never</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of the server's.</source>
      <translation>
        <numerusform>At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of the server's.</numerusform>
        <numerusform>At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of the server's.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) behind the server's.</source>
      <translation>
        <numerusform>At the last synchronisation (%1), this laptop's clock was %n day(s) behind the server's.</numerusform>
        <numerusform>At the last synchronisation (%1), this laptop's clock was %n day(s) behind the server's.</numerusform>
      </translation>
    </message>
    <message>
      <source>Today's date and the start and end of this survey are taken from this clock. Cancel and set this laptop's date and time, or finalize anyway.</source>
      <translation>Today's date and the start and end of this survey are taken from this clock. Cancel and set this laptop's date and time, or finalize anyway.</translation>
    </message>
    <message>
      <source>Finalize anyway</source>
      <translation>Finalize anyway</translation>
    </message>
    <message>
      <source>Reason for the change</source>
      <translation>Reason for the change</translation>
    </message>
    <message>
      <source>This form records the reason for any change to a survey saved before. Cancel goes back to the survey.</source>
      <translation>This form records the reason for any change to a survey saved before. Cancel goes back to the survey.</translation>
    </message>
    <message>
      <source>Why did you change this survey?</source>
      <translation>Why did you change this survey?</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>Your name</translation>
    </message>
    <message>
      <source>This form records who fills it in. Enter your name to continue.</source>
      <translation>This form records who fills it in. Enter your name to continue.</translation>
    </message>
    <message>
      <source>Who is filling in this survey?</source>
      <translation>Who is filling in this survey?</translation>
    </message>
    <message>
      <source>Remove %1 and its answers?</source>
      <translation>Remove %1 and its answers?</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>%1 of %2 answered</source>
      <translation>%1 of %2 answered</translation>
    </message>
    <message>
      <source>Not saved!</source>
      <translation>Not saved!</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>Saved at %1</source>
      <translation>Saved at %1</translation>
    </message>
    <message>
      <source>All answers saved</source>
      <translation>All answers saved</translation>
    </message>
    <message>
      <source>Finalize this survey? It will be sent to your coordinator at the next synchronisation and can no longer be changed here.</source>
      <translation>Finalize this survey? It will be sent to your coordinator at the next synchronisation and can no longer be changed here.</translation>
    </message>
    <message>
      <source>Finalize</source>
      <translation>Finalize</translation>
    </message>
    <message>
      <source>Please confirm</source>
      <translation>Please confirm</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Choose a photo</source>
      <translation>Choose a photo</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
      <translation>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
      <source>← Back to the list</source>
      <translation>← Back to the list</translation>
    </message>
    <message>
      <source>Back to the list (Ctrl+W); answers are saved</source>
      <translation>Back to the list (Ctrl+W); answers are saved</translation>
    </message>
    <message>
      <source>Previous section</source>
      <translation>Previous section</translation>
    </message>
    <message>
      <source>Next section</source>
      <translation>Next section</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Answers are saved as you type (Ctrl+S saves now)</source>
      <translation>Answers are saved as you type (Ctrl+S saves now)</translation>
    </message>
    <message>
      <source>Finalize…</source>
      <translation>Finalize…</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>Returned by your coordinator for correction:</translation>
    </message>
    <message>
      <source>This survey is finalized: it can be read, no longer changed.</source>
      <translation>This survey is finalized: it can be read, no longer changed.</translation>
    </message>
    <message>
      <source>This survey was approved by your coordinator: it can no longer be changed.</source>
      <translation>This survey was approved by your coordinator: it can no longer be changed.</translation>
    </message>
    <message>
      <source>Answers not saved</source>
      <translation>Answers not saved</translation>
    </message>
    <message>
      <source>Your last answers could not be saved.</source>
      <translation>Your last answers could not be saved.</translation>
    </message>
    <message>
      <source>They are still on the screen. Try saving again, stay on the survey, or leave it and lose the answers typed since the last save.</source>
      <translation>They are still on the screen. Try saving again, stay on the survey, or leave it and lose the answers typed since the last save.</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Retry</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>Stay</translation>
    </message>
    <message>
      <source>Leave and lose the answers</source>
      <translation>Leave and lose the answers</translation>
    </message>
  </context>
  <context>
    <name>SyncErrors</name>
    <message>
      <source>The server&apos;s name cannot be found.</source>
      <translation>The server&apos;s name cannot be found.</translation>
    </message>
    <message>
      <source>Check the server address; if it is right, check that this computer is connected (network cable, Wi-Fi, 3G key).</source>
      <translation>Check the server address; if it is right, check that this computer is connected (network cable, Wi-Fi, 3G key).</translation>
    </message>
    <message>
      <source>The server&apos;s machine refused the connection.</source>
      <translation>The server&apos;s machine refused the connection.</translation>
    </message>
    <message>
      <source>The server is not running at this address, or the port is wrong. Check the address, or tell your coordinator.</source>
      <translation>The server is not running at this address, or the port is wrong. Check the address, or tell your coordinator.</translation>
    </message>
    <message>
      <source>The server did not answer in time.</source>
      <translation>The server did not answer in time.</translation>
    </message>
    <message>
      <source>The connection is down or too slow. Try again later, or from a place with a better connection.</source>
      <translation>The connection is down or too slow. Try again later, or from a place with a better connection.</translation>
    </message>
    <message>
      <source>This computer is not connected to a network.</source>
      <translation>This computer is not connected to a network.</translation>
    </message>
    <message>
      <source>Check the network cable, Wi-Fi or 3G key, then try again.</source>
      <translation>Check the network cable, Wi-Fi or 3G key, then try again.</translation>
    </message>
    <message>
      <source>The connection to the server was cut.</source>
      <translation>The connection to the server was cut.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again; if it keeps happening, the link is unstable.</source>
      <translation>Nothing was lost. Try again; if it keeps happening, the link is unstable.</translation>
    </message>
    <message>
      <source>The server does not speak HTTPS on this port.</source>
      <translation>The server does not speak HTTPS on this port.</translation>
    </message>
    <message>
      <source>Check the address: it may need http:// instead of https://, or another port. Ask your coordinator for the exact address.</source>
      <translation>Check the address: it may need http:// instead of https://, or another port. Ask your coordinator for the exact address.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate has expired.</source>
      <translation>The server&apos;s certificate has expired.</translation>
    </message>
    <message>
      <source>The connection was not used. Tell your coordinator: the server&apos;s administrator must renew it. Also check this computer&apos;s date.</source>
      <translation>The connection was not used. Tell your coordinator: the server&apos;s administrator must renew it. Also check this computer&apos;s date.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate is for another address.</source>
      <translation>The server&apos;s certificate is for another address.</translation>
    </message>
    <message>
      <source>The connection was not used. Check the server address with your coordinator.</source>
      <translation>The connection was not used. Check the server address with your coordinator.</translation>
    </message>
    <message>
      <source>This enrollment code is unknown.</source>
      <translation>This enrollment code is unknown.</translation>
    </message>
    <message>
      <source>This enrollment code was already used.</source>
      <translation>This enrollment code was already used.</translation>
    </message>
    <message>
      <source>This enrollment code has expired.</source>
      <translation>This enrollment code has expired.</translation>
    </message>
    <message>
      <source>This user account is disabled on the server.</source>
      <translation>This user account is disabled on the server.</translation>
    </message>
    <message>
      <source>The server refused the enrollment.</source>
      <translation>The server refused the enrollment.</translation>
    </message>
    <message>
      <source>Check the code with your coordinator, or ask for a new one.</source>
      <translation>Check the code with your coordinator, or ask for a new one.</translation>
    </message>
    <message>
      <source>The server is unreachable.</source>
      <translation>The server is unreachable.</translation>
    </message>
    <message>
      <source>Check the connection (network cable, Wi-Fi, 3G key) and try again later.</source>
      <translation>Check the connection (network cable, Wi-Fi, 3G key) and try again later.</translation>
    </message>
    <message>
      <source>The network answered with a page that is not FieldApp&apos;s server.</source>
      <translation>The network answered with a page that is not FieldApp's server.</translation>
    </message>
    <message>
      <source>A network login page (captive portal) or a proxy is in the way: open a web browser to log in to the network, or check the server address.</source>
      <translation>A network login page (captive portal) or a proxy is in the way: open a web browser to log in to the network, or check the server address.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate could not be verified.</source>
      <translation>The server's certificate could not be verified.</translation>
    </message>
    <message>
      <source>The connection was not used. If your organisation has its own certificate authority, choose its CA bundle file; otherwise tell your coordinator.</source>
      <translation>The connection was not used. If your organisation has its own certificate authority, choose its CA bundle file; otherwise tell your coordinator.</translation>
    </message>
    <message>
      <source>The server no longer accepts this laptop.</source>
      <translation>The server no longer accepts this laptop.</translation>
    </message>
    <message>
      <source>Enroll it again with a new code from your coordinator (Settings).</source>
      <translation>Enroll it again with a new code from your coordinator (Settings).</translation>
    </message>
    <message>
      <source>This laptop is not enrolled with the server.</source>
      <translation>This laptop is not enrolled with the server.</translation>
    </message>
    <message>
      <source>Open Settings and enroll it with a code from your coordinator.</source>
      <translation>Open Settings and enroll it with a code from your coordinator.</translation>
    </message>
    <message>
      <source>The server has a problem.</source>
      <translation>The server has a problem.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again later; tell your coordinator if it lasts.</source>
      <translation>Nothing was lost. Try again later; tell your coordinator if it lasts.</translation>
    </message>
    <message>
      <source>The server refused the request.</source>
      <translation>The server refused the request.</translation>
    </message>
    <message>
      <source>Nothing was lost. Tell your coordinator; the log file has the details.</source>
      <translation>Nothing was lost. Tell your coordinator; the log file has the details.</translation>
    </message>
    <message>
      <source>The link is too slow or keeps failing: the sync ran out of time.</source>
      <translation>The link is too slow or keeps failing: the sync ran out of time.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept; the rest is sent at the next sync.</source>
      <translation>What was acknowledged is kept; the rest is sent at the next sync.</translation>
    </message>
    <message>
      <source>The sync was cancelled.</source>
      <translation>The sync was cancelled.</translation>
    </message>
    <message>
      <source>Nothing was lost: what was not acknowledged stays to be sent.</source>
      <translation>Nothing was lost: what was not acknowledged stays to be sent.</translation>
    </message>
    <message>
      <source>The server address or the CA bundle file is not valid.</source>
      <translation>The server address or the CA bundle file is not valid.</translation>
    </message>
    <message>
      <source>Use an address like https://server.example.org and an existing .pem file.</source>
      <translation>Use an address like https://server.example.org and an existing .pem file.</translation>
    </message>
    <message>
      <source>This laptop could not save what the server sent.</source>
      <translation>This laptop could not save what the server sent.</translation>
    </message>
    <message>
      <source>The sync stopped on an unexpected error.</source>
      <translation>The sync stopped on an unexpected error.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept. Send the log file to your coordinator.</source>
      <translation>What was acknowledged is kept. Send the log file to your coordinator.</translation>
    </message>
    <message>
      <source>The sync failed.</source>
      <translation>The sync failed.</translation>
    </message>
    <message>
      <source>Try again later; the log file has the details.</source>
      <translation>Try again later; the log file has the details.</translation>
    </message>
    <message>
      <source>The server refused the request: %1.</source>
      <translation>The server refused the request: %1.</translation>
    </message>
    <message>
      <source>This laptop&apos;s disk is full: what the server sent was not saved.</source>
      <translation>This laptop&apos;s disk is full: what the server sent was not saved.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then synchronise again. Nothing was lost.</source>
      <translation>Free some space (empty the recycle bin, move photos away), then synchronise again. Nothing was lost.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in its data folder: it is read-only.</source>
      <translation>FieldApp cannot write in its data folder: it is read-only.</translation>
    </message>
    <message>
      <source>Ask your IT contact to fix the folder&apos;s permissions, then synchronise again. Nothing was lost.</source>
      <translation>Ask your IT contact to fix the folder&apos;s permissions, then synchronise again. Nothing was lost.</translation>
    </message>
    <message>
      <source>The database on this laptop is damaged.</source>
      <translation>The database on this laptop is damaged.</translation>
    </message>
    <message>
      <source>Keep a copy of the data folder, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>Keep a copy of the data folder, do not delete it, and call your coordinator: they can restore the last backup.</translation>
    </message>
    <message>
      <source>Nothing was lost. Synchronise again; if it happens again, send the log file to your coordinator.</source>
      <translation>Nothing was lost. Synchronise again; if it happens again, send the log file to your coordinator.</translation>
    </message>
  </context>
  <context>
    <name>SyncPanel</name>
    <message numerus="yes">
      <source>Received but set aside (%n)…</source>
      <translation>
        <numerusform>Received but set aside (%n)…</numerusform>
        <numerusform>Received but set aside (%n)…</numerusform>
      </translation>
    </message>
    <message>
      <source>The server was restored from an older backup: %1 change(s) it had lost were sent again.</source>
      <translation>The server was restored from an older backup: %1 change(s) it had lost were sent again.</translation>
    </message>
    <message>
      <source>This server is another database than the last one: %1 change(s) it did not hold were sent.</source>
      <translation>This server is another database than the last one: %1 change(s) it did not hold were sent.</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;Synchronise now</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>&amp;Cancel</translation>
    </message>
    <message>
      <source>Stops at the next safe point: nothing is lost, the rest is sent next time</source>
      <translation>Stops at the next safe point: nothing is lost, the rest is sent next time</translation>
    </message>
    <message>
      <source>Progress</source>
      <translation>Progress</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Changes</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Photos</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>This sync</source>
      <translation>This sync</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>sent</translation>
    </message>
    <message>
      <source>merged</source>
      <translation>merged</translation>
    </message>
    <message>
      <source>conflicts</source>
      <translation>conflicts</translation>
    </message>
    <message>
      <source>set aside</source>
      <translation>set aside</translation>
    </message>
    <message>
      <source>received</source>
      <translation>received</translation>
    </message>
    <message>
      <source>Log</source>
      <translation>Log</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>Made on</source>
      <translation>Made on</translation>
    </message>
    <message>
      <source>Why the server refused it</source>
      <translation>Why the server refused it</translation>
    </message>
    <message numerus="yes">
      <source>Set aside by the server (%n)</source>
      <translation>
        <numerusform>Set aside by the server (%n)</numerusform>
        <numerusform>Set aside by the server (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>Set aside by the server: none</source>
      <translation>Set aside by the server: none</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>Synchronising…</source>
      <translation>Synchronising…</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Last sync: %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>Never synchronised</translation>
    </message>
    <message>
      <source>Cancelling: the sync stops after the current step.</source>
      <translation>Cancelling: the sync stops after the current step.</translation>
    </message>
    <message>
      <source>Sync started by hand.</source>
      <translation>Sync started by hand.</translation>
    </message>
    <message>
      <source>Sync started: the server is reachable.</source>
      <translation>Sync started: the server is reachable.</translation>
    </message>
    <message>
      <source>Sync started: changes are waiting to be sent.</source>
      <translation>Sync started: changes are waiting to be sent.</translation>
    </message>
    <message>
      <source>Periodic sync started.</source>
      <translation>Periodic sync started.</translation>
    </message>
    <message>
      <source>Sync started.</source>
      <translation>Sync started.</translation>
    </message>
    <message numerus="yes">
      <source>Sending changes: %n waiting.</source>
      <translation>
        <numerusform>Sending changes: %n waiting.</numerusform>
        <numerusform>Sending changes: %n waiting.</numerusform>
      </translation>
    </message>
    <message>
      <source>Uploading photos: %1.</source>
      <translation>Uploading photos: %1.</translation>
    </message>
    <message>
      <source>Receiving what changed on the server.</source>
      <translation>Receiving what changed on the server.</translation>
    </message>
    <message numerus="yes">
      <source>%n received</source>
      <translation>
        <numerusform>%n received</numerusform>
        <numerusform>%n received</numerusform>
      </translation>
    </message>
    <message>
      <source>nothing to do</source>
      <translation>nothing to do</translation>
    </message>
    <message>
      <source>Changes: %1 sent and acknowledged (%2 merged, %3 in conflict), %4 set aside.</source>
      <translation>Changes: %1 sent and acknowledged (%2 merged, %3 in conflict), %4 set aside.</translation>
    </message>
    <message>
      <source>Photos: upload done.</source>
      <translation>Photos: upload done.</translation>
    </message>
    <message numerus="yes">
      <source>Received: %n change(s) from the server.</source>
      <translation>
        <numerusform>Received: %n change from the server.</numerusform>
        <numerusform>Received: %n changes from the server.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Cancelled. Nothing was lost: %n change(s) still to send.</source>
      <translation>
        <numerusform>Cancelled. Nothing was lost: %n change still to send.</numerusform>
        <numerusform>Cancelled. Nothing was lost: %n changes still to send.</numerusform>
      </translation>
    </message>
    <message>
      <source>Failed: %1 %2</source>
      <translation>Failed: %1 %2</translation>
    </message>
    <message>
      <source>stopped</source>
      <translation>stopped</translation>
    </message>
    <message>
      <source>Sync finished in %1 s.</source>
      <translation>Sync finished in %1 s.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) still to send.</source>
      <translation>
        <numerusform>%n change still to send.</numerusform>
        <numerusform>%n changes still to send.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) of imported bundles still to relay to the server.</source>
      <translation>
        <numerusform>%n change of imported bundles still to relay to the server.</numerusform>
        <numerusform>%n changes of imported bundles still to relay to the server.</numerusform>
      </translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min ahead of the server&apos;s: set its date and time.</source>
      <translation>This laptop&apos;s clock is %1 min ahead of the server&apos;s: set its date and time.</translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min behind the server&apos;s: set its date and time.</source>
      <translation>This laptop&apos;s clock is %1 min behind the server&apos;s: set its date and time.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) set aside by the server: see the list below.</source>
      <translation>
        <numerusform>%n change set aside by the server: see the list below.</numerusform>
        <numerusform>%n changes set aside by the server: see the list below.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) in conflict wait for your choice (Conflicts).</source>
      <translation>
        <numerusform>%n question in conflict waits for your choice (Conflicts).</numerusform>
        <numerusform>%n questions in conflict wait for your choice (Conflicts).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) decided on another laptop: closed here.</source>
      <translation>
        <numerusform>%n conflict decided on another laptop: closed here.</numerusform>
        <numerusform>%n conflicts decided on another laptop: closed here.</numerusform>
      </translation>
    </message>
    <message>
      <source>Server unreachable</source>
      <translation>Server unreachable</translation>
    </message>
    <message>
      <source>next try at %1</source>
      <translation>next try at %1</translation>
    </message>
    <message>
      <source>The server cannot be reached; next try at %1.</source>
      <translation>The server cannot be reached; next try at %1.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>next try at %1</source>
      <translation>next try at %1</translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) to send</source>
      <translation><numerusform>%n draft to send</numerusform><numerusform>%n drafts to send</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) in progress</source>
      <translation><numerusform>%n draft in progress</numerusform><numerusform>%n drafts in progress</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>(%n to send)</source>
      <translation>
        <numerusform>(%n to send)</numerusform>
        <numerusform>(%n to send)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) to send</source>
      <translation><numerusform>%n finalized survey to send</numerusform><numerusform>%n finalized surveys to send</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n other change(s) to send</source>
      <translation><numerusform>%n other change to send</numerusform><numerusform>%n other changes to send</numerusform></translation>
    </message>
    <message>
      <source>Nothing to send</source>
      <translation>Nothing to send</translation>
    </message>
        <message numerus="yes">
      <source>%n refused by the server</source>
      <translation><numerusform>%n refused by the server</numerusform><numerusform>%n refused by the server</numerusform></translation>
    </message>
    <message>
      <source>● Not enrolled</source>
      <translation>● Not enrolled</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● Offline</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● Online</translation>
    </message>
    <message>
      <source>● Synchronising…</source>
      <translation>● Synchronising…</translation>
    </message>
    <message>
      <source>● Sync problem</source>
      <translation>● Sync problem</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>This laptop is not yet enrolled with the central server.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>%n change to send</numerusform>
        <numerusform>%n changes to send</numerusform>
      </translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Last sync: %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>Never synchronised</translation>
    </message>
    <message>
      <source>Click to open the Sync panel</source>
      <translation>Click to open the Sync panel</translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) to resolve</source>
      <translation>
        <numerusform>%n conflict to resolve</numerusform>
        <numerusform>%n conflicts to resolve</numerusform>
      </translation>
    </message>
    <message>
      <source>● Server unreachable</source>
      <translation>● Server unreachable</translation>
    </message>
  </context>
  <context>
    <name>ValidationPanel</name>
    <message>
      <source>Close the list</source>
      <translation>Close the list</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) missing or to correct before finalizing</source>
      <translation>
        <numerusform>%n answer missing or to correct before finalizing</numerusform>
        <numerusform>%n answers missing or to correct before finalizing</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing is missing: the survey can be finalized.</source>
      <translation>Nothing is missing: the survey can be finalized.</translation>
    </message>
  </context>
  <context>
    <name>NewerVersionBanner</name>
    <message>
      <source>A newer version of this form (%1) is available. Your answers stay in the version this survey was started with until you move it.</source>
      <translation>A newer version of this form (%1) is available. Your answers stay in the version this survey was started with until you move it.</translation>
    </message>
    <message>
      <source>Move this draft to %1…</source>
      <translation>Move this draft to %1…</translation>
    </message>
  </context>
  <context>
    <name>MoveDialog</name>
    <message>
      <source>(no answer)</source>
      <translation>(no answer)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>a photo</translation>
    </message>
    <message numerus="yes">
      <source>%n entries</source>
      <translation>
        <numerusform>%n entry</numerusform>
        <numerusform>%n entries</numerusform>
      </translation>
    </message>
    <message>
      <source>Move this draft to version %1</source>
      <translation>Move this draft to version %1</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) do not fit version %1 and will be removed from this draft. They are kept in the journal of this laptop, so nothing is lost. Every other answer is kept; check the form afterwards.</source>
      <translation>
        <numerusform>%n answer does not fit version %1 and will be removed from this draft. It is kept in the journal of this laptop, so nothing is lost. Every other answer is kept; check the form afterwards.</numerusform>
        <numerusform>%n answers do not fit version %1 and will be removed from this draft. They are kept in the journal of this laptop, so nothing is lost. Every other answer is kept; check the form afterwards.</numerusform>
      </translation>
    </message>
    <message>
      <source>Every answer fits version %1: nothing will be removed. Check the form afterwards for new questions.</source>
      <translation>Every answer fits version %1: nothing will be removed. Check the form afterwards for new questions.</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Why it does not fit</source>
      <translation>Why it does not fit</translation>
    </message>
    <message>
      <source>Move to %1</source>
      <translation>Move to %1</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
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
      <translation>Type a time of day, e.g. 14:30.</translation>
    </message>
  </context>
  <context>
    <name>DateTimeEditor</name>
    <message>
      <source>YYYY-MM-DD HH:MM</source>
      <translation>YYYY-MM-DD HH:MM</translation>
    </message>
    <message>
      <source>Type a date and a time, e.g. 2025-03-01 14:30.</source>
      <translation>Type a date and a time, e.g. 2025-03-01 14:30.</translation>
    </message>
  </context>
  <context>
    <name>BarcodeEditor</name>
    <message>
      <source>Type or scan the code</source>
      <translation>Type or scan the code</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>Each line must be 'latitude longitude' on the globe.</source>
      <translation>Each line must be 'latitude longitude' on the globe.</translation>
    </message>
  </context>
  <context>
    <name>RangeEditor</name>
    <message>
      <source>Clear</source>
      <translation>Clear</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>not set</translation>
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
      <translation>FieldApp is locked</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>This profile's data is encrypted on this laptop. Choose a PIN or passphrase of at least %1 characters. Without it nobody, not even you, can read the data: write it down somewhere safe.</source>
      <translation>This profile's data is encrypted on this laptop. Choose a PIN or passphrase of at least %1 characters. Without it nobody, not even you, can read the data: write it down somewhere safe.</translation>
    </message>
    <message>
      <source>The window was locked after a few minutes without use.</source>
      <translation>The window was locked after a few minutes without use.</translation>
    </message>
    <message>
      <source>Type the PIN or passphrase of this profile.</source>
      <translation>Type the PIN or passphrase of this profile.</translation>
    </message>
    <message>
      <source>PIN or passphrase</source>
      <translation>PIN or passphrase</translation>
    </message>
    <message>
      <source>PIN or passphrase:</source>
      <translation>PIN or passphrase:</translation>
    </message>
    <message>
      <source>The same again</source>
      <translation>The same again</translation>
    </message>
    <message>
      <source>The same again:</source>
      <translation>The same again:</translation>
    </message>
    <message>
      <source>Forgot the PIN? The data on this laptop cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>Forgot the PIN? The data on this laptop cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>The two PINs differ.</source>
      <translation>The two PINs differ.</translation>
    </message>
    <message>
      <source>Choose at least %1 characters.</source>
      <translation>Choose at least %1 characters.</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase.</source>
      <translation>Wrong PIN or passphrase.</translation>
    </message>
  </context>
  <context>
    <name>FirstStart</name>
    <message>
      <source>No establishments on this laptop yet</source>
      <translation>No establishments on this laptop yet</translation>
    </message>
    <message>
      <source>Enroll this laptop with the central server: your coordinator gives you an enrollment code, a one-time code of a few letters and digits that is valid for a few hours. Once enrolled, the first synchronisation brings the establishments assigned to you and the survey form.</source>
      <translation>Enroll this laptop with the central server: your coordinator gives you an enrollment code, a one-time code of a few letters and digits that is valid for a few hours. Once enrolled, the first synchronisation brings the establishments assigned to you and the survey form.</translation>
    </message>
    <message>
      <source>Enroll this laptop…</source>
      <translation>Enroll this laptop…</translation>
    </message>
  </context>
  <context>
    <name>Refusals</name>
    <message>
      <source>this question is no longer in the form version the survey follows: only the server's value can be kept</source>
      <translation>this question is no longer in the form version the survey follows: only the server's value can be kept</translation>
    </message>
    <message>
      <source>the server does not have this file yet: it is sent again</source>
      <translation>the server does not have this file yet: it is sent again</translation>
    </message>
    <message>
      <source>this establishment is no longer assigned to you</source>
      <translation>this establishment is no longer assigned to you</translation>
    </message>
    <message>
      <source>this establishment is outside your regions</source>
      <translation>this establishment is outside your regions</translation>
    </message>
    <message>
      <source>the server does not know this establishment</source>
      <translation>the server does not know this establishment</translation>
    </message>
    <message>
      <source>this survey belongs to another establishment</source>
      <translation>this survey belongs to another establishment</translation>
    </message>
    <message>
      <source>the server does not know this form version</source>
      <translation>the server does not know this form version</translation>
    </message>
    <message>
      <source>some answers are not accepted by the form on the server</source>
      <translation>some answers are not accepted by the form on the server</translation>
    </message>
    <message>
      <source>a text holds characters the server does not accept</source>
      <translation>a text holds characters the server does not accept</translation>
    </message>
    <message>
      <source>an answer is longer than the server accepts</source>
      <translation>an answer is longer than the server accepts</translation>
    </message>
    <message>
      <source>it is larger than the server accepts</source>
      <translation>it is larger than the server accepts</translation>
    </message>
    <message>
      <source>this survey was approved: ask your coordinator to return it</source>
      <translation>this survey was approved: ask your coordinator to return it</translation>
    </message>
    <message>
      <source>your account may not make this change</source>
      <translation>your account may not make this change</translation>
    </message>
    <message>
      <source>the server could not store it</source>
      <translation>the server could not store it</translation>
    </message>
    <message>
      <source>this change is malformed</source>
      <translation>this change is malformed</translation>
    </message>
    <message>
      <source>this kind of change is unknown to the server</source>
      <translation>this kind of change is unknown to the server</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server never had</source>
      <translation>it is based on a version of the survey the server never had</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server no longer has</source>
      <translation>it is based on a version of the survey the server no longer has</translation>
    </message>
    <message>
      <source>this laptop already sent a newer version of this survey</source>
      <translation>this laptop already sent a newer version of this survey</translation>
    </message>
    <message>
      <source>this profile was copied from another laptop: enroll it anew</source>
      <translation>this profile was copied from another laptop: enroll it anew</translation>
    </message>
    <message>
      <source>the same change was sent twice with different content</source>
      <translation>the same change was sent twice with different content</translation>
    </message>
    <message>
      <source>the server does not know this survey</source>
      <translation>the server does not know this survey</translation>
    </message>
    <message>
      <source>the survey changed since you reviewed it: review it again</source>
      <translation>the survey changed since you reviewed it: review it again</translation>
    </message>
    <message>
      <source>the survey is not finalized</source>
      <translation>the survey is not finalized</translation>
    </message>
    <message>
      <source>the server does not know this agent</source>
      <translation>the server does not know this agent</translation>
    </message>
    <message>
      <source>this account is not a field agent</source>
      <translation>this account is not a field agent</translation>
    </message>
    <message>
      <source>the bundle&apos;s signature or region does not match</source>
      <translation>the bundle&apos;s signature or region does not match</translation>
    </message>
    <message>
      <source>the photo file is missing on this laptop</source>
      <translation>the photo file is missing on this laptop</translation>
    </message>
    <message>
      <source>the photo file is damaged on this laptop</source>
      <translation>the photo file is damaged on this laptop</translation>
    </message>
    <message>
      <source>the photo arrived damaged; it is sent again</source>
      <translation>the photo arrived damaged; it is sent again</translation>
    </message>
    <message>
      <source>the photo upload must start again</source>
      <translation>the photo upload must start again</translation>
    </message>
    <message>
      <source>the server asked to receive everything again</source>
      <translation>the server asked to receive everything again</translation>
    </message>
    <message>
      <source>the server is another database than before</source>
      <translation>the server is another database than before</translation>
    </message>
    <message>
      <source>the server was restored from an older backup</source>
      <translation>the server was restored from an older backup</translation>
    </message>
    <message>
      <source>the server no longer accepts this laptop: enroll it again</source>
      <translation>the server no longer accepts this laptop: enroll it again</translation>
    </message>
    <message>
      <source>the server could not read what was sent</source>
      <translation>the server could not read what was sent</translation>
    </message>
    <message>
      <source>this FieldApp does not match the server&apos;s version</source>
      <translation>this FieldApp does not match the server&apos;s version</translation>
    </message>
    <message>
      <source>the server is busy: it is tried again later</source>
      <translation>the server is busy: it is tried again later</translation>
    </message>
    <message>
      <source>too many tries: wait a few minutes</source>
      <translation>too many tries: wait a few minutes</translation>
    </message>
    <message>
      <source>this enrollment code is unknown</source>
      <translation>this enrollment code is unknown</translation>
    </message>
    <message>
      <source>this enrollment code was already used</source>
      <translation>this enrollment code was already used</translation>
    </message>
    <message>
      <source>this enrollment code has expired</source>
      <translation>this enrollment code has expired</translation>
    </message>
    <message>
      <source>this user account is disabled on the server</source>
      <translation>this user account is disabled on the server</translation>
    </message>
    <message>
      <source>the server refused it</source>
      <translation>the server refused it</translation>
    </message>
    <message>
      <source>%1 (question “%2”)</source>
      <translation>%1 (question “%2”)</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <source>the photo&apos;s fingerprint is not valid</source>
      <translation>the photo&apos;s fingerprint is not valid</translation>
    </message>
  </context>
  <context>
    <name>FileEditor</name>
    <message>
      <source>Replace the recording…</source>
      <translation>Replace the recording…</translation>
    </message>
    <message>
      <source>Choose a recording…</source>
      <translation>Choose a recording…</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>Listen</translation>
    </message>
    <message>
      <source>Replace the video…</source>
      <translation>Replace the video…</translation>
    </message>
    <message>
      <source>Choose a video…</source>
      <translation>Choose a video…</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>Watch</translation>
    </message>
    <message>
      <source>Replace the file…</source>
      <translation>Replace the file…</translation>
    </message>
    <message>
      <source>Choose a file…</source>
      <translation>Choose a file…</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>Opens with the program this computer uses for such files</source>
      <translation>Opens with the program this computer uses for such files</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Attaching the file…</source>
      <translation>Attaching the file…</translation>
    </message>
    <message>
      <source>No file</source>
      <translation>No file</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message>
      <source>Recordings</source>
      <translation>Recordings</translation>
    </message>
    <message>
      <source>Videos</source>
      <translation>Videos</translation>
    </message>
    <message>
      <source>Accepted files</source>
      <translation>Accepted files</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>All files (*)</translation>
    </message>
    <message>
      <source>Choose a file</source>
      <translation>Choose a file</translation>
    </message>
    <message>
      <source>The file %1 is empty.</source>
      <translation>The file %1 is empty.</translation>
    </message>
    <message>
      <source>The file %1 is too large (%2): the limit is %3.</source>
      <translation>The file %1 is too large (%2): the limit is %3.</translation>
    </message>
    <message>
      <source>The file %1 is not of a type this question takes (%2).</source>
      <translation>The file %1 is not of a type this question takes (%2).</translation>
    </message>
    <message>
      <source>The file %1 cannot be read.</source>
      <translation>The file %1 cannot be read.</translation>
    </message>
    <message>
      <source>No program on this computer opens %1.</source>
      <translation>No program on this computer opens %1.</translation>
    </message>
    <message>
      <source>The file %1 is not on this computer yet.</source>
      <translation>The file %1 is not on this computer yet.</translation>
    </message>
  </context>
  <context>
    <name>QuestionView</name>
    <message>
      <source>Watch: %1</source>
      <translation>Watch: %1</translation>
    </message>
    <message>
      <source>Listen: %1</source>
      <translation>Listen: %1</translation>
    </message>
    <message>
      <source>Play the video of this label (%1)</source>
      <translation>Play the video of this label (%1)</translation>
    </message>
    <message>
      <source>Play the recording of this label (%1)</source>
      <translation>Play the recording of this label (%1)</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>Watch</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>Listen</translation>
    </message>
    <message>
      <source>Video missing: %1</source>
      <translation>Video missing: %1</translation>
    </message>
    <message>
      <source>Audio missing: %1</source>
      <translation>Audio missing: %1</translation>
    </message>
    <message>
      <source>Image missing: %1</source>
      <translation>Image missing: %1</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>One point per line: latitude longitude (or click on the map)</source>
      <translation>One point per line: latitude longitude (or click on the map)</translation>
    </message>
    <message>
      <source>Close the shape</source>
      <translation>Close the shape</translation>
    </message>
    <message>
      <source>Area: %1 · perimeter: %2</source>
      <translation>Area: %1 · perimeter: %2</translation>
    </message>
    <message>
      <source>Length: %1</source>
      <translation>Length: %1</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAside</name>
    <message>
      <source>A survey</source>
      <translation>A survey</translation>
    </message>
    <message>
      <source>An establishment</source>
      <translation>An establishment</translation>
    </message>
    <message>
      <source>A form version</source>
      <translation>A form version</translation>
    </message>
    <message>
      <source>A coordinator's review</source>
      <translation>A coordinator's review</translation>
    </message>
    <message>
      <source>A conflict</source>
      <translation>A conflict</translation>
    </message>
    <message>
      <source>An item</source>
      <translation>An item</translation>
    </message>
    <message>
      <source>it holds characters that are not valid text</source>
      <translation>it holds characters that are not valid text</translation>
    </message>
    <message>
      <source>it is larger than this app accepts</source>
      <translation>it is larger than this app accepts</translation>
    </message>
    <message>
      <source>it names a photo in a way this app refuses</source>
      <translation>it names a photo in a way this app refuses</translation>
    </message>
    <message>
      <source>it is malformed</source>
      <translation>it is malformed</translation>
    </message>
    <message>
      <source>this app could not apply it</source>
      <translation>this app could not apply it</translation>
    </message>
    <message>
      <source>Update FieldApp if a newer version exists; otherwise copy the details for your coordinator. Then receive everything again.</source>
      <translation>Update FieldApp if a newer version exists; otherwise copy the details for your coordinator. Then receive everything again.</translation>
    </message>
    <message>
      <source>Copy the details for your coordinator, who corrects it on the server; then receive everything again.</source>
      <translation>Copy the details for your coordinator, who corrects it on the server; then receive everything again.</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAsideDialog</name>
    <message>
      <source>Received items set aside</source>
      <translation>Received items set aside</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>What</source>
      <translation>What</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Why</translation>
    </message>
    <message>
      <source>What you can do</source>
      <translation>What you can do</translation>
    </message>
    <message>
      <source>&amp;Copy the details</source>
      <translation>&amp;Copy the details</translation>
    </message>
    <message>
      <source>&amp;Receive everything again</source>
      <translation>&amp;Receive everything again</translation>
    </message>
    <message>
      <source>At the next sync; your own changes are kept and nothing is sent twice</source>
      <translation>At the next sync; your own changes are kept and nothing is sent twice</translation>
    </message>
    <message>
      <source>&amp;Hide these</source>
      <translation>&amp;Hide these</translation>
    </message>
    <message numerus="yes">
      <source>The server sent %n item(s) this laptop did not apply. Everything else was received; these wait for a correction on the server.</source>
      <translation>
        <numerusform>The server sent %n item(s) this laptop did not apply. Everything else was received; these wait for a correction on the server.</numerusform>
        <numerusform>The server sent %n item(s) this laptop did not apply. Everything else was received; these wait for a correction on the server.</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing received was set aside.</source>
      <translation>Nothing received was set aside.</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>The details are copied: paste them in a message.</source>
      <translation>The details are copied: paste them in a message.</translation>
    </message>
    <message>
      <source>The next sync receives everything again; what was corrected is applied.</source>
      <translation>The next sync receives everything again; what was corrected is applied.</translation>
    </message>
  </context>
  <context>
    <name>ChecklistEditor</name>
    <message>
      <source>%1 chosen: %2</source>
      <translation>%1 chosen: %2</translation>
    </message>
    <message>
      <source>Nothing chosen</source>
      <translation>Nothing chosen</translation>
    </message>
  </context>
</TS>