<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
  <context>
    <name>ConflictList</name>
    <message>
      <source>This question is no longer in version %1 of the form, which this survey now follows: only the server's value can be kept. Yours would be an answer that no version of this survey holds; it stays in the conflict's record on the server.</source>
      <translation>لم يعد هذا السؤال موجودا في الإصدار %1 من الاستمارة الذي يتبعه هذا الاستبيان الآن: لا يمكن الاحتفاظ إلا بقيمة الخادم. قيمتك ستكون جوابا لا يتضمنه أي إصدار من هذا الاستبيان؛ وتبقى مسجلة في سجل التعارض على الخادم.</translation>
    </message>
    <message>
      <source>Establishment</source>
      <translation>المؤسسة</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>السؤال</translation>
    </message>
    <message>
      <source>Other device</source>
      <translation>جهاز آخر</translation>
    </message>
    <message>
      <source>This laptop</source>
      <translation>هذا الحاسوب</translation>
    </message>
    <message>
      <source>Other device (on the server)</source>
      <translation>جهاز آخر (على الخادم)</translation>
    </message>
    <message>
      <source>Keep &amp;this value</source>
      <translation>الاحتفاظ بهذه ال&amp;قيمة</translation>
    </message>
    <message>
      <source>Keep t&amp;his value</source>
      <translation>الاحتفاظ ب&amp;هذه القيمة</translation>
    </message>
    <message>
      <source>Or another value:</source>
      <translation>أو قيمة أخرى:</translation>
    </message>
    <message>
      <source>Save this &amp;value</source>
      <translation>&amp;حفظ هذه القيمة</translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) were changed on another device too. For each, keep one value or enter the right one: your choice is sent at the next sync.</source>
      <translation>
        <numerusform>لم يُعدَّل أي سؤال على جهاز آخر.</numerusform>
        <numerusform>عُدِّل سؤال واحد على جهاز آخر أيضًا. احتفظ بقيمة أو أدخل القيمة الصحيحة: يُرسل اختيارك في المزامنة التالية.</numerusform>
        <numerusform>عُدِّل سؤالان على جهاز آخر أيضًا. لكل منهما، احتفظ بقيمة أو أدخل القيمة الصحيحة: يُرسل اختيارك في المزامنة التالية.</numerusform>
        <numerusform>عُدِّلت %n أسئلة على جهاز آخر أيضًا. لكل منها، احتفظ بقيمة أو أدخل القيمة الصحيحة: يُرسل اختيارك في المزامنة التالية.</numerusform>
        <numerusform>عُدِّل %n سؤالًا على جهاز آخر أيضًا. لكل منها، احتفظ بقيمة أو أدخل القيمة الصحيحة: يُرسل اختيارك في المزامنة التالية.</numerusform>
        <numerusform>عُدِّل %n سؤال على جهاز آخر أيضًا. لكل منها، احتفظ بقيمة أو أدخل القيمة الصحيحة: يُرسل اختيارك في المزامنة التالية.</numerusform>
      </translation>
    </message>
    <message>
      <source>No conflict: nothing waits for your choice.</source>
      <translation>لا يوجد تعارض: لا شيء ينتظر اختيارك.</translation>
    </message>
    <message>
      <source>(no answer)</source>
      <translation>(بدون إجابة)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>نعم</translation>
    </message>
    <message>
      <source>no</source>
      <translation>لا</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>صورة</translation>
    </message>
    <message>
      <source>a list of %1</source>
      <translation>قائمة من %1</translation>
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
      <translation>التقويم (F4)</translation>
    </message>
    <message>
      <source>Calendar</source>
      <translation>التقويم</translation>
    </message>
    <message>
      <source>This month</source>
      <translation>هذا الشهر</translation>
    </message>
    <message>
      <source>Not a month: type it as mm/yyyy, e.g. 03/2026.</source>
      <translation>ليس شهرا: اكتبه على الشكل mm/yyyy، مثلا 03/2026.</translation>
    </message>
    <message>
      <source>Not a date: type it as dd/mm/yyyy, e.g. 20/11/2026.</source>
      <translation>ليس تاريخا: اكتبه على الشكل dd/mm/yyyy، مثلا 20/11/2026.</translation>
    </message>
    <message>
      <source>No date</source>
      <translation>بدون تاريخ</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>اليوم</translation>
    </message>
  </context>
  <context>
    <name>EnrollDialog</name>
    <message>
      <source>This server is another database than the one this laptop synchronised with: the next synchronisation sends every survey it does not hold.</source>
      <translation>هذا الخادم قاعدة بيانات أخرى غير التي كان هذا الحاسوب يتزامن معها: ستُرسل المزامنة القادمة كل الاستمارات التي لا يملكها.</translation>
    </message>
    <message>
      <source>The demo data of this profile (%1 surveys) were removed, never sent; your assigned establishments come with the next synchronisation.</source>
      <translation>حُذفت بيانات العرض التجريبي لهذا الملف (%1 استمارة) دون إرسالها؛ ستصل المؤسسات المسندة إليك مع المزامنة القادمة.</translation>
    </message>
    <message>
      <source>Enroll this laptop</source>
      <translation>تسجيل هذا الحاسوب</translation>
    </message>
    <message>
      <source>Enter the server address and the one-time code your coordinator gave you. The connection is always verified; if your organisation has its own certificate authority, choose its file.</source>
      <translation>أدخل عنوان الخادم والرمز الصالح لمرة واحدة الذي أعطاك إياه منسقك. يتم التحقق من الاتصال دائمًا؛ إذا كانت لمؤسستك جهة تصديق خاصة بها، فاختر ملفها.</translation>
    </message>
    <message>
      <source>&amp;Server address</source>
      <translation>عنوان ال&amp;خادم</translation>
    </message>
    <message>
      <source>Enrollment &amp;code</source>
      <translation>&amp;رمز التسجيل</translation>
    </message>
    <message>
      <source>CA &amp;bundle (optional)</source>
      <translation>&amp;ملف جهات التصديق (اختياري)</translation>
    </message>
    <message>
      <source>the system&apos;s certificate authorities</source>
      <translation>جهات التصديق الخاصة بالنظام</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>اختيار…</translation>
    </message>
    <message>
      <source>&amp;Enroll</source>
      <translation>&amp;تسجيل</translation>
    </message>
    <message>
      <source>Certificate authority bundle</source>
      <translation>ملف جهات التصديق</translation>
    </message>
    <message>
      <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
      <translation>الشهادات (*.pem *.crt *.cer);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Enter the server address and the enrollment code.</source>
      <translation>أدخل عنوان الخادم ورمز التسجيل.</translation>
    </message>
    <message>
      <source>Contacting the server…</source>
      <translation>جارٍ الاتصال بالخادم…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>إغلاق</translation>
    </message>
    <message>
      <source>Enrolled as %1 on %2. This laptop can now synchronise.</source>
      <translation>تم التسجيل باسم %1 على %2. يمكن لهذا الحاسوب الآن المزامنة.</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>جارٍ الإلغاء…</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>The file %1 is not a FieldApp database.</source>
      <translation>الملف %1 ليس قاعدة بيانات FieldApp.</translation>
    </message>
    <message>
      <source>It was left untouched. Move it away or choose another data folder, then start FieldApp again.</source>
      <translation>لم يتم تغييره. انقله إلى مكان آخر أو اختر مجلد بيانات آخر، ثم أعد تشغيل FieldApp.</translation>
    </message>
    <message>
      <source>This data was written by a newer version of FieldApp.</source>
      <translation>كتبت هذه البيانات بإصدار أحدث من FieldApp.</translation>
    </message>
    <message>
      <source>Install the newer FieldApp on this laptop. Nothing was changed.</source>
      <translation>ثبّت الإصدار الأحدث من FieldApp على هذا الحاسوب. لم يتم تغيير أي شيء.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in %1.</source>
      <translation>لا يستطيع FieldApp الكتابة في %1.</translation>
    </message>
    <message>
      <source>The folder is read-only. Choose a folder you can write to, or ask your IT contact to fix its permissions.</source>
      <translation>المجلد للقراءة فقط. اختر مجلدا يمكنك الكتابة فيه، أو اطلب من مسؤول المعلوميات تصحيح صلاحياته.</translation>
    </message>
    <message>
      <source>The disk is full: the last change was not saved.</source>
      <translation>القرص ممتلئ: لم يتم حفظ آخر تعديل.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then save again. Your answers are still on the screen.</source>
      <translation>حرر بعض المساحة (أفرغ سلة المهملات، انقل بعض الصور)، ثم احفظ من جديد. إجاباتك ما زالت على الشاشة.</translation>
    </message>
    <message>
      <source>The database %1 is damaged.</source>
      <translation>قاعدة البيانات %1 تالفة.</translation>
    </message>
    <message>
      <source>Keep a copy of the file, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>احتفظ بنسخة من الملف ولا تحذفه، واتصل بمنسقك: يمكنه استرجاع آخر نسخة احتياطية.</translation>
    </message>
    <message>
      <source>The data is in use by another FieldApp window.</source>
      <translation>البيانات مستعملة في نافذة FieldApp أخرى.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, then try again.</source>
      <translation>أغلق نافذة FieldApp الأخرى، ثم أعد المحاولة.</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp (process %1, %2).</source>
      <translation>هذا الملف الشخصي مفتوح بالفعل في نسخة أخرى من FieldApp (العملية %1، %2).</translation>
    </message>
    <message>
      <source>This profile is already open in another FieldApp.</source>
      <translation>هذا الملف الشخصي مفتوح بالفعل في نسخة أخرى من FieldApp.</translation>
    </message>
    <message>
      <source>Close the other FieldApp window, or wait for the command to finish, then start FieldApp again. Nothing was changed.</source>
      <translation>أغلق نافذة FieldApp الأخرى، أو انتظر انتهاء الأمر، ثم أعد تشغيل FieldApp. لم يتغير أي شيء.</translation>
    </message>
    <message>
      <source>This record no longer exists on this laptop.</source>
      <translation>هذا السجل لم يعد موجودا على هذا الحاسوب.</translation>
    </message>
    <message>
      <source>Go back to the list; it may have been removed by a synchronisation.</source>
      <translation>عد إلى القائمة؛ ربما حُذف أثناء مزامنة.</translation>
    </message>
    <message>
      <source>The change was refused.</source>
      <translation>تم رفض التعديل.</translation>
    </message>
    <message>
      <source>The image %1 cannot be read.</source>
      <translation>تعذرت قراءة الصورة %1.</translation>
    </message>
    <message>
      <source>Choose a photo in JPEG or PNG format, or take it again.</source>
      <translation>اختر صورة بصيغة JPEG أو PNG، أو التقطها من جديد.</translation>
    </message>
    <message>
      <source>A file could not be read or written: %1</source>
      <translation>تعذرت قراءة ملف أو كتابته: %1</translation>
    </message>
    <message>
      <source>Check that the disk is present and has free space, then try again.</source>
      <translation>تحقق من أن القرص موصول وبه مساحة فارغة، ثم أعد المحاولة.</translation>
    </message>
    <message>
      <source>Something went wrong in FieldApp.</source>
      <translation>حدث خطأ في FieldApp.</translation>
    </message>
    <message>
      <source>Your saved answers are safe. Try again; if it happens again, send the log file to your coordinator.</source>
      <translation>إجاباتك المحفوظة في أمان. أعد المحاولة؛ وإذا تكرر ذلك، أرسل ملف السجل إلى منسقك.</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>Log file: %1</source>
      <translation>ملف السجل: %1</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase for this profile.</source>
      <translation>رمز سري أو عبارة مرور غير صحيحة لهذا الملف الشخصي.</translation>
    </message>
    <message>
      <source>A forgotten PIN cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>لا يمكن استرجاع رمز سري منسي: ما تمت مزامنته محفوظ على الخادم. اطلب من منسقك رمز تسجيل جديدًا وسجّل هذا الحاسوب من جديد في ملف شخصي جديد.</translation>
    </message>
    <message>
      <source>This profile is encrypted.</source>
      <translation>هذا الملف الشخصي مشفر.</translation>
    </message>
    <message>
      <source>Start FieldApp again and type the profile's PIN or passphrase.</source>
      <translation>أعد تشغيل FieldApp وأدخل الرمز السري أو عبارة المرور للملف الشخصي.</translation>
    </message>
    <message>
      <source>The laptop&apos;s database refused a record that breaks its rules: nothing of the last action was saved.</source>
      <translation>رفضت قاعدة بيانات الحاسوب سجلًا يخالف قواعدها: لم يُحفظ شيء من آخر عملية.</translation>
    </message>
    <message>
      <source>This is a problem of FieldApp, not of the disk or of your answers. Send the log file to your coordinator.</source>
      <translation>هذه مشكلة في FieldApp، لا في القرص ولا في أجوبتك. أرسل ملف السجل إلى منسقك.</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentDetail</name>
    <message>
      <source>sent on %1</source>
      <translation>أرسلت في %1</translation>
    </message>
    <message>
      <source>not sent</source>
      <translation>غير مرسلة</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>الرمز</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>الطاقة الاستيعابية</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>المدير(ة)</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>الجهة</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>الإقليم</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>الجماعة</translation>
    </message>
    <message>
      <source>Nearest OCP site</source>
      <translation>أقرب موقع للمكتب الشريف للفوسفاط</translation>
    </message>
    <message>
      <source>GPS position</source>
      <translation>الموقع (GPS)</translation>
    </message>
    <message>
      <source>Surveys</source>
      <translation>الاستمارات</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>تاريخ البدء</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
    <message>
      <source>Agent</source>
      <translation>الباحث(ة)</translation>
    </message>
    <message>
      <source>Saves</source>
      <translation>مرات الحفظ</translation>
    </message>
    <message>
      <source>&amp;Open survey</source>
      <translation>&amp;فتح الاستمارة</translation>
    </message>
    <message>
      <source>&amp;Start a survey</source>
      <translation>&amp;بدء استمارة</translation>
    </message>
    <message>
      <source>Choose an establishment in the list to see its details.</source>
      <translation>اختر مؤسسة من القائمة لعرض بطاقتها.</translation>
    </message>
    <message>
      <source>&amp;Continue survey</source>
      <translation>&amp;متابعة الاستمارة</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>أعادها منسقك للتصحيح:</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentFilters</name>
    <message>
      <source>Search by code, name (French or Arabic), commune…  (Ctrl+F)</source>
      <translation>ابحث بالرمز أو الاسم (بالعربية أو الفرنسية) أو الجماعة…  (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search establishments</source>
      <translation>البحث عن المؤسسات</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>جميع الحالات</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>جميع الجهات</translation>
    </message>
    <message>
      <source>All types</source>
      <translation>جميع الأنواع</translation>
    </message>
  </context>
  <context>
    <name>EstablishmentTableModel</name>
    <message>
      <source>Code</source>
      <translation>الرمز</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>الجهة</translation>
    </message>
    <message>
      <source>Commune</source>
      <translation>الجماعة</translation>
    </message>
    <message>
      <source>Survey</source>
      <translation>الاستمارة</translation>
    </message>
  </context>
  <context>
    <name>GeopointEditor</name>
    <message>
      <source>Latitude</source>
      <translation>خط العرض</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>خط الطول</translation>
    </message>
    <message>
      <source>Accuracy (m)</source>
      <translation>الدقة (م)</translation>
    </message>
    <message>
      <source>Use the establishment's registered position</source>
      <translation>استعمال الموقع المسجل للمؤسسة</translation>
    </message>
    <message>
      <source>The latitude must be between -90 and 90.</source>
      <translation>يجب أن يكون خط العرض بين ‎-90‎ و 90.</translation>
    </message>
    <message>
      <source>The longitude must be between -180 and 180.</source>
      <translation>يجب أن يكون خط الطول بين ‎-180‎ و 180.</translation>
    </message>
    <message>
      <source>Give both the latitude and the longitude.</source>
      <translation>أدخل خط العرض وخط الطول معا.</translation>
    </message>
    <message>
      <source>The accuracy is a number of metres, 0 or more.</source>
      <translation>الدقة عدد من الأمتار، صفر أو أكثر.</translation>
    </message>
  </context>
  <context>
    <name>ImageEditor</name>
    <message>
      <source>Replace the photo…</source>
      <translation>استبدال الصورة…</translation>
    </message>
    <message>
      <source>Choose a photo…</source>
      <translation>اختيار صورة…</translation>
    </message>
    <message>
      <source>Remove the photo</source>
      <translation>حذف الصورة</translation>
    </message>
    <message>
      <source>Preparing the photo…</source>
      <translation>جارٍ تحضير الصورة…</translation>
    </message>
    <message>
      <source>No photo</source>
      <translation>لا توجد صورة</translation>
    </message>
  </context>
  <context>
    <name>InstanceView</name>
    <message>
      <source>Remove</source>
      <translation>حذف</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>حذف %1</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Not started</source>
      <translation>لم تبدأ</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>مسودة</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>منتهية</translation>
    </message>
    <message>
      <source>Returned for correction</source>
      <translation>معادة للتصحيح</translation>
    </message>
    <message>
      <source>Approved</source>
      <translation>مصادق عليها</translation>
    </message>
    <message>
      <source>Home for the elderly</source>
      <translation>دار المسنين</translation>
    </message>
    <message>
      <source>Children's home</source>
      <translation>دار الأطفال</translation>
    </message>
    <message>
      <source>Centre for people with disabilities</source>
      <translation>مركز الأشخاص في وضعية إعاقة</translation>
    </message>
    <message>
      <source>Centre for women in difficulty</source>
      <translation>مركز النساء في وضعية صعبة</translation>
    </message>
    <message>
      <source>Multi-purpose social centre</source>
      <translation>مركز اجتماعي متعدد الاختصاصات</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>This laptop is not enrolled yet: enroll it with the code from your coordinator.</source>
      <translation>هذا الحاسوب غير مسجل بعد: سجّله بالرمز الذي يعطيك منسقك.</translation>
    </message>
    <message>
      <source>A synchronisation is already running.</source>
      <translation>هناك مزامنة جارية بالفعل.</translation>
    </message>
    <message>
      <source>Synchronisation started…</source>
      <translation>بدأت المزامنة…</translation>
    </message>
    <message>
      <source>Surveys not sent</source>
      <translation>استمارات غير مرسلة</translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) not sent yet. They stay on this laptop and go at the next synchronisation (F5 when a connection is there).</source>
      <translation><numerusform>%n استمارة منتهية لم ترسل بعد. تبقى على هذا الحاسوب وترسل عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform><numerusform>%n استمارة منتهية لم ترسل بعد. تبقى على هذا الحاسوب وترسل عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform><numerusform>%n استمارتان منتهيتان لم ترسلا بعد. تبقيان على هذا الحاسوب وترسلان عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform><numerusform>%n استمارات منتهية لم ترسل بعد. تبقى على هذا الحاسوب وترسل عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform><numerusform>%n استمارة منتهية لم ترسل بعد. تبقى على هذا الحاسوب وترسل عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform><numerusform>%n استمارة منتهية لم ترسل بعد. تبقى على هذا الحاسوب وترسل عند المزامنة التالية (F5 عند توفر الاتصال).</numerusform></translation>
    </message>
    <message>
      <source>Quit anyway</source>
      <translation>الخروج على أي حال</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>البقاء</translation>
    </message>
    <message>
      <source>Enter: next question (from the last one, the next section)</source>
      <translation>مفتاح الإدخال: السؤال التالي (بعد الأخير، القسم التالي)</translation>
    </message>
    <message>
      <source>1-9: pick the numbered choice; Up / Down: move between choices</source>
      <translation>1-9: اختيار الخيار المرقم؛ أعلى / أسفل: التنقل بين الخيارات</translation>
    </message>
    <message>
      <source>Space: tick a box, add to a list (+ Add), choose a photo</source>
      <translation>المسافة: تحديد خانة، الإضافة إلى قائمة (+ إضافة)، اختيار صورة</translation>
    </message>
    <message>
      <source>Delete / Backspace on a choice: clear the answer</source>
      <translation>الحذف على خيار: محو الإجابة</translation>
    </message>
    <message>
      <source>Dates: type dd/mm/yyyy (a month: mm/yyyy); F4: calendar</source>
      <translation>التواريخ: اكتب dd/mm/yyyy (شهر: mm/yyyy)؛ F4: التقويم</translation>
    </message>
    <message>
      <source>Baseline survey of social-protection establishments</source>
      <translation>البحث المرجعي لمؤسسات الرعاية الاجتماعية</translation>
    </message>
    <message>
      <source>&amp;FieldApp</source>
      <translation>&amp;FieldApp</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;الإعدادات…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;خروج</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;مساعدة</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message numerus="yes">
      <source>%n establishment(s)</source>
      <translation>
        <numerusform>لا توجد مؤسسة</numerusform>
        <numerusform>مؤسسة واحدة</numerusform>
        <numerusform>مؤسستان</numerusform>
        <numerusform>%n مؤسسات</numerusform>
        <numerusform>%n مؤسسة</numerusform>
        <numerusform>%n مؤسسة</numerusform>
      </translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>Ctrl+F: search establishments</source>
      <translation>Ctrl+F: البحث عن مؤسسة</translation>
    </message>
    <message>
      <source>Enter: open the selected establishment's survey</source>
      <translation>Enter: فتح استمارة المؤسسة المختارة</translation>
    </message>
    <message>
      <source>Tab / Shift+Tab: next / previous question</source>
      <translation>Tab / Shift+Tab: السؤال التالي / السابق</translation>
    </message>
    <message>
      <source>Ctrl+PgDown / Ctrl+PgUp: next / previous section</source>
      <translation>Ctrl+PgDown / Ctrl+PgUp: القسم التالي / السابق</translation>
    </message>
    <message>
      <source>Alt+Up / Alt+Down: move a ranked item</source>
      <translation>Alt+أعلى / Alt+أسفل: تحريك عنصر في الترتيب</translation>
    </message>
    <message>
      <source>Ctrl+S: save now (answers are also saved as you type)</source>
      <translation>Ctrl+S: الحفظ الآن (تُحفظ الإجابات أيضا أثناء الكتابة)</translation>
    </message>
    <message>
      <source>Ctrl+Enter: finalize the survey</source>
      <translation>Ctrl+Enter: إنهاء الاستمارة</translation>
    </message>
    <message>
      <source>F8: go to the list of missing answers</source>
      <translation>F8: الانتقال إلى قائمة الإجابات الناقصة</translation>
    </message>
    <message>
      <source>Ctrl+W: back to the list</source>
      <translation>Ctrl+W: العودة إلى القائمة</translation>
    </message>
    <message>
      <source>Ctrl+,: settings</source>
      <translation>Ctrl+,: الإعدادات</translation>
    </message>
    <message>
      <source>S&amp;ynchronisation</source>
      <translation>ال&amp;مزامنة</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;مزامنة الآن</translation>
    </message>
    <message>
      <source>Sync &amp;panel</source>
      <translation>&amp;لوحة المزامنة</translation>
    </message>
    <message>
      <source>&amp;Conflicts to resolve</source>
      <translation>ال&amp;تعارضات المطلوب حلها</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>المزامنة</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>المزامنة</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>التعارضات</translation>
    </message>
    <message>
      <source>Survey of %1</source>
      <translation>استبيان %1</translation>
    </message>
    <message>
      <source>Photo %1</source>
      <translation>صورة %1</translation>
    </message>
    <message>
      <source>No system keyring works on this laptop: the PIN stays asked.</source>
      <translation>لا تعمل أي حافظة مفاتيح للنظام على هذا الحاسوب: سيبقى الرمز السري مطلوبًا.</translation>
    </message>
    <message>
      <source>Review of the survey of %1</source>
      <translation>مراجعة استمارة %1</translation>
    </message>
    <message>
      <source>Assignment of %1</source>
      <translation>إسناد %1</translation>
    </message>
    <message>
      <source>Change of %1</source>
      <translation>تعديل %1</translation>
    </message>
  </context>
  <context>
    <name>RankEditor</name>
    <message>
      <source>Move up (Alt+Up)</source>
      <translation>تحريك إلى الأعلى (Alt+أعلى)</translation>
    </message>
    <message>
      <source>Move down (Alt+Down)</source>
      <translation>تحريك إلى الأسفل (Alt+أسفل)</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>إلى الأعلى</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>إلى الأسفل</translation>
    </message>
    <message>
      <source>Keep this order</source>
      <translation>الإبقاء على هذا الترتيب</translation>
    </message>
  </context>
  <context>
    <name>RepeatGrid</name>
    <message>
      <source>New row: type in it to add one</source>
      <translation>سطر جديد: اكتب فيه لإضافة سطر</translation>
    </message>
    <message>
      <source>+ Add a row (Ctrl+Insert)</source>
      <translation>+ إضافة سطر (Ctrl+Insert)</translation>
    </message>
    <message>
      <source>Or type in the last row, marked +</source>
      <translation>أو اكتب في السطر الأخير المعلَّم بـ +</translation>
    </message>
    <message>
      <source>Enter: next cell · Tab: next cell, off the grid at its end · F2: edit · Esc: cancel · Delete: clear the cell · Ctrl+Insert: new row · Ctrl+Delete: remove the row</source>
      <translation>Enter: الخانة التالية · Tab: الخانة التالية، والخروج من الجدول في آخره · F2: تعديل · Esc: إلغاء · Delete: مسح الخانة · Ctrl+Insert: سطر جديد · Ctrl+Delete: حذف السطر</translation>
    </message>
    <message>
      <source>Not a number: type digits, with a comma or a point for decimals.</source>
      <translation>ليس رقما: اكتب أرقاما، مع فاصلة أو نقطة للكسور العشرية.</translation>
    </message>
    <message>
      <source>new row</source>
      <translation>سطر جديد</translation>
    </message>
    <message>
      <source>Type the first letters of the choice; F2 opens the list.</source>
      <translation>اكتب الحروف الأولى من الخيار؛ F2 يفتح القائمة.</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>المجموع</translation>
    </message>
    <message>
      <source>Remove the row</source>
      <translation>حذف السطر</translation>
    </message>
    <message>
      <source>This cell takes a number: type digits, with a comma or a point for decimals.</source>
      <translation>هذه الخانة تنتظر رقما: اكتب أرقاما، مع فاصلة أو نقطة للكسور العشرية.</translation>
    </message>
  </context>
  <context>
    <name>RepeatView</name>
    <message>
      <source>Space adds one; Enter goes on to the next question</source>
      <translation>مفتاح المسافة يضيف واحدا؛ مفتاح الإدخال ينتقل إلى السؤال التالي</translation>
    </message>
    <message>
      <source>+ Add: %1</source>
      <translation>+ إضافة: %1</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>لا شيء بعد.</translation>
    </message>
  </context>
  <context>
    <name>SelectOneEditor</name>
    <message>
      <source>Delete or Backspace clears the answer</source>
      <translation>مفتاح الحذف يمحو الإجابة</translation>
    </message>
    <message>
      <source>Clear answer</source>
      <translation>مسح الإجابة</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>الإعدادات</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;اللغة</translation>
    </message>
    <message>
      <source>&amp;Text size</source>
      <translation>&amp;حجم النص</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>مجلد البيانات</translation>
    </message>
    <message>
      <source>Log file</source>
      <translation>ملف السجل</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>عادي</translation>
    </message>
    <message>
      <source>Large</source>
      <translation>كبير</translation>
    </message>
    <message>
      <source>Very large</source>
      <translation>كبير جدا</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>الخادم</translation>
    </message>
    <message>
      <source>Enrolled: %1</source>
      <translation>مسجل: %1</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>هذا الحاسوب غير مسجل بعد لدى الخادم المركزي.</translation>
    </message>
    <message>
      <source>&amp;Enroll again…</source>
      <translation>إعادة ال&amp;تسجيل…</translation>
    </message>
    <message>
      <source>&amp;Enroll this laptop…</source>
      <translation>&amp;تسجيل هذا الحاسوب…</translation>
    </message>
    <message>
      <source>Synchronise &amp;automatically when the server is reachable</source>
      <translation>المزامنة &amp;تلقائيًا عندما يكون الخادم متاحًا</translation>
    </message>
    <message>
      <source>Loc&amp;k after</source>
      <translation>الق&amp;فل بعد</translation>
    </message>
    <message>
      <source>&amp;Remember the PIN on this laptop (system keyring): no PIN at start</source>
      <translation>&amp;تذكّر الرمز السري على هذا الحاسوب (حافظة مفاتيح النظام): دون رمز عند البدء</translation>
    </message>
    <message>
      <source>%1 minutes without use</source>
      <translation>%1 دقائق دون استعمال</translation>
    </message>
    <message>
      <source>Never</source>
      <translation>أبدًا</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) ahead of the server's.</source>
      <translation>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بـ%n يوم على ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بيوم واحد على ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بيومين على ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بـ%n أيام على ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بـ%n يوما على ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متقدمة بـ%n يوم على ساعة الخادم.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>At the last synchronisation (%1), this laptop's clock was %n day(s) behind the server's.</source>
      <translation>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بـ%n يوم عن ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بيوم واحد عن ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بيومين عن ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بـ%n أيام عن ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بـ%n يوما عن ساعة الخادم.</numerusform>
        <numerusform>عند آخر مزامنة (%1)، كانت ساعة هذا الحاسوب متأخرة بـ%n يوم عن ساعة الخادم.</numerusform>
      </translation>
    </message>
    <message>
      <source>Today's date and the start and end of this survey are taken from this clock. Cancel and set this laptop's date and time, or finalize anyway.</source>
      <translation>تاريخ اليوم وبداية هذا الاستبيان ونهايته مأخوذة من هذه الساعة. ألغِ واضبط تاريخ هذا الحاسوب ووقته، أو أنهِ الاستبيان على أي حال.</translation>
    </message>
    <message>
      <source>Finalize anyway</source>
      <translation>إنهاء على أي حال</translation>
    </message>
    <message>
      <source>Reason for the change</source>
      <translation>سبب التعديل</translation>
    </message>
    <message>
      <source>This form records the reason for any change to a survey saved before. Cancel goes back to the survey.</source>
      <translation>يسجل هذا الاستمارة سبب أي تعديل لاستبيان سبق حفظه. الإلغاء يعيدك إلى الاستبيان.</translation>
    </message>
    <message>
      <source>Why did you change this survey?</source>
      <translation>لماذا عدّلت هذا الاستبيان؟</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>اسمك</translation>
    </message>
    <message>
      <source>This form records who fills it in. Enter your name to continue.</source>
      <translation>يسجل هذا الاستمارة من يملؤها. أدخل اسمك للمتابعة.</translation>
    </message>
    <message>
      <source>Who is filling in this survey?</source>
      <translation>من يملأ هذا الاستبيان؟</translation>
    </message>
    <message>
      <source>Remove %1 and its answers?</source>
      <translation>حذف %1 وإجاباته؟</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>حذف</translation>
    </message>
    <message>
      <source>%1 of %2 answered</source>
      <translation>تمت الإجابة عن %1 من %2</translation>
    </message>
    <message>
      <source>Not saved!</source>
      <translation>لم يتم الحفظ!</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
      <source>Saved at %1</source>
      <translation>تم الحفظ على الساعة %1</translation>
    </message>
    <message>
      <source>All answers saved</source>
      <translation>تم حفظ جميع الإجابات</translation>
    </message>
    <message>
      <source>Finalize this survey? It will be sent to your coordinator at the next synchronisation and can no longer be changed here.</source>
      <translation>إنهاء هذه الاستمارة؟ سترسل إلى منسقك عند المزامنة القادمة ولن يمكن تعديلها هنا بعد ذلك.</translation>
    </message>
    <message>
      <source>Finalize</source>
      <translation>إنهاء</translation>
    </message>
    <message>
      <source>Please confirm</source>
      <translation>تأكيد</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Choose a photo</source>
      <translation>اختيار صورة</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
      <translation>الصور (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
      <source>← Back to the list</source>
      <translation>→ العودة إلى القائمة</translation>
    </message>
    <message>
      <source>Back to the list (Ctrl+W); answers are saved</source>
      <translation>العودة إلى القائمة (Ctrl+W)؛ الإجابات محفوظة</translation>
    </message>
    <message>
      <source>Previous section</source>
      <translation>القسم السابق</translation>
    </message>
    <message>
      <source>Next section</source>
      <translation>القسم التالي</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>حفظ</translation>
    </message>
    <message>
      <source>Answers are saved as you type (Ctrl+S saves now)</source>
      <translation>تحفظ الإجابات أثناء الكتابة (Ctrl+S للحفظ فورا)</translation>
    </message>
    <message>
      <source>Finalize…</source>
      <translation>إنهاء…</translation>
    </message>
    <message>
      <source>Returned by your coordinator for correction:</source>
      <translation>أعادها منسقك للتصحيح:</translation>
    </message>
    <message>
      <source>This survey is finalized: it can be read, no longer changed.</source>
      <translation>هذه الاستمارة منتهية: يمكن الاطلاع عليها دون تعديلها.</translation>
    </message>
    <message>
      <source>This survey was approved by your coordinator: it can no longer be changed.</source>
      <translation>صادق منسقك على هذه الاستمارة: لم يعد بالإمكان تعديلها.</translation>
    </message>
    <message>
      <source>Answers not saved</source>
      <translation>الإجابات غير محفوظة</translation>
    </message>
    <message>
      <source>Your last answers could not be saved.</source>
      <translation>تعذر حفظ إجاباتك الأخيرة.</translation>
    </message>
    <message>
      <source>They are still on the screen. Try saving again, stay on the survey, or leave it and lose the answers typed since the last save.</source>
      <translation>ما زالت معروضة على الشاشة. أعد محاولة الحفظ، أو ابقَ في الاستمارة، أو غادرها وتفقد الإجابات المدخلة منذ آخر حفظ.</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>إعادة المحاولة</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>البقاء</translation>
    </message>
    <message>
      <source>Leave and lose the answers</source>
      <translation>المغادرة وفقدان الإجابات</translation>
    </message>
  </context>
  <context>
    <name>SyncErrors</name>
    <message>
      <source>The server&apos;s name cannot be found.</source>
      <translation>تعذر العثور على اسم الخادم.</translation>
    </message>
    <message>
      <source>Check the server address; if it is right, check that this computer is connected (network cable, Wi-Fi, 3G key).</source>
      <translation>تحقق من عنوان الخادم؛ وإن كان صحيحًا، فتحقق من أن الحاسوب متصل (كابل الشبكة، Wi-Fi، مفتاح 3G).</translation>
    </message>
    <message>
      <source>The server&apos;s machine refused the connection.</source>
      <translation>رفض جهاز الخادم الاتصال.</translation>
    </message>
    <message>
      <source>The server is not running at this address, or the port is wrong. Check the address, or tell your coordinator.</source>
      <translation>الخادم لا يعمل على هذا العنوان، أو أن المنفذ خاطئ. تحقق من العنوان أو أخبر منسقك.</translation>
    </message>
    <message>
      <source>The server did not answer in time.</source>
      <translation>لم يجب الخادم في الوقت المحدد.</translation>
    </message>
    <message>
      <source>The connection is down or too slow. Try again later, or from a place with a better connection.</source>
      <translation>الاتصال مقطوع أو بطيء جدًا. أعد المحاولة لاحقًا، أو من مكان باتصال أفضل.</translation>
    </message>
    <message>
      <source>This computer is not connected to a network.</source>
      <translation>هذا الحاسوب غير متصل بأي شبكة.</translation>
    </message>
    <message>
      <source>Check the network cable, Wi-Fi or 3G key, then try again.</source>
      <translation>تحقق من كابل الشبكة أو Wi-Fi أو مفتاح 3G، ثم أعد المحاولة.</translation>
    </message>
    <message>
      <source>The connection to the server was cut.</source>
      <translation>انقطع الاتصال بالخادم.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again; if it keeps happening, the link is unstable.</source>
      <translation>لم يضع أي شيء. أعد المحاولة؛ وإن تكرر ذلك فالاتصال غير مستقر.</translation>
    </message>
    <message>
      <source>The server does not speak HTTPS on this port.</source>
      <translation>الخادم لا يستعمل HTTPS على هذا المنفذ.</translation>
    </message>
    <message>
      <source>Check the address: it may need http:// instead of https://, or another port. Ask your coordinator for the exact address.</source>
      <translation>تحقق من العنوان: قد يلزم http:// بدل https://، أو منفذ آخر. اطلب العنوان الدقيق من منسقك.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate has expired.</source>
      <translation>انتهت صلاحية شهادة الخادم.</translation>
    </message>
    <message>
      <source>The connection was not used. Tell your coordinator: the server&apos;s administrator must renew it. Also check this computer&apos;s date.</source>
      <translation>لم يُستعمل الاتصال. أخبر منسقك: على مسؤول الخادم تجديدها. تحقق أيضًا من تاريخ هذا الحاسوب.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate is for another address.</source>
      <translation>شهادة الخادم خاصة بعنوان آخر.</translation>
    </message>
    <message>
      <source>The connection was not used. Check the server address with your coordinator.</source>
      <translation>لم يُستعمل الاتصال. تحقق من عنوان الخادم مع منسقك.</translation>
    </message>
    <message>
      <source>This enrollment code is unknown.</source>
      <translation>رمز التسجيل هذا غير معروف.</translation>
    </message>
    <message>
      <source>This enrollment code was already used.</source>
      <translation>سبق استخدام رمز التسجيل هذا.</translation>
    </message>
    <message>
      <source>This enrollment code has expired.</source>
      <translation>انتهت صلاحية رمز التسجيل هذا.</translation>
    </message>
    <message>
      <source>This user account is disabled on the server.</source>
      <translation>هذا الحساب معطل على الخادم.</translation>
    </message>
    <message>
      <source>The server refused the enrollment.</source>
      <translation>رفض الخادم التسجيل.</translation>
    </message>
    <message>
      <source>Check the code with your coordinator, or ask for a new one.</source>
      <translation>تحقق من الرمز مع منسقك، أو اطلب رمزًا جديدًا.</translation>
    </message>
    <message>
      <source>The server is unreachable.</source>
      <translation>لا يمكن الوصول إلى الخادم.</translation>
    </message>
    <message>
      <source>Check the connection (network cable, Wi-Fi, 3G key) and try again later.</source>
      <translation>تحقق من الاتصال (كابل الشبكة، Wi-Fi، مفتاح 3G) وأعد المحاولة لاحقًا.</translation>
    </message>
    <message>
      <source>The network answered with a page that is not FieldApp&apos;s server.</source>
      <translation>أجابت الشبكة بصفحة ليست من خادم FieldApp.</translation>
    </message>
    <message>
      <source>A network login page (captive portal) or a proxy is in the way: open a web browser to log in to the network, or check the server address.</source>
      <translation>صفحة تسجيل دخول إلى الشبكة (بوابة مقيدة) أو وكيل يعترض الطريق: افتح متصفحًا لتسجيل الدخول إلى الشبكة، أو تحقق من عنوان الخادم.</translation>
    </message>
    <message>
      <source>The server&apos;s certificate could not be verified.</source>
      <translation>تعذر التحقق من شهادة الخادم.</translation>
    </message>
    <message>
      <source>The connection was not used. If your organisation has its own certificate authority, choose its CA bundle file; otherwise tell your coordinator.</source>
      <translation>لم يُستخدم الاتصال. إذا كانت لمؤسستك جهة تصديق خاصة بها، فاختر ملفها؛ وإلا فأخبر منسقك.</translation>
    </message>
    <message>
      <source>The server no longer accepts this laptop.</source>
      <translation>لم يعد الخادم يقبل هذا الحاسوب.</translation>
    </message>
    <message>
      <source>Enroll it again with a new code from your coordinator (Settings).</source>
      <translation>سجّله من جديد برمز جديد من منسقك (الإعدادات).</translation>
    </message>
    <message>
      <source>This laptop is not enrolled with the server.</source>
      <translation>هذا الحاسوب غير مسجل لدى الخادم.</translation>
    </message>
    <message>
      <source>Open Settings and enroll it with a code from your coordinator.</source>
      <translation>افتح الإعدادات وسجّله برمز من منسقك.</translation>
    </message>
    <message>
      <source>The server has a problem.</source>
      <translation>يواجه الخادم مشكلة.</translation>
    </message>
    <message>
      <source>Nothing was lost. Try again later; tell your coordinator if it lasts.</source>
      <translation>لم يضع شيء. أعد المحاولة لاحقًا؛ وأخبر منسقك إذا استمر ذلك.</translation>
    </message>
    <message>
      <source>The server refused the request.</source>
      <translation>رفض الخادم الطلب.</translation>
    </message>
    <message>
      <source>Nothing was lost. Tell your coordinator; the log file has the details.</source>
      <translation>لم يضع شيء. أخبر منسقك؛ ملف السجل يحتوي على التفاصيل.</translation>
    </message>
    <message>
      <source>The link is too slow or keeps failing: the sync ran out of time.</source>
      <translation>الاتصال بطيء جدًا أو ينقطع باستمرار: نفد وقت المزامنة.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept; the rest is sent at the next sync.</source>
      <translation>ما تم تأكيده محفوظ؛ ويُرسل الباقي في المزامنة التالية.</translation>
    </message>
    <message>
      <source>The sync was cancelled.</source>
      <translation>أُلغيت المزامنة.</translation>
    </message>
    <message>
      <source>Nothing was lost: what was not acknowledged stays to be sent.</source>
      <translation>لم يضع شيء: ما لم يُؤكَّد يبقى في انتظار الإرسال.</translation>
    </message>
    <message>
      <source>The server address or the CA bundle file is not valid.</source>
      <translation>عنوان الخادم أو ملف جهات التصديق غير صالح.</translation>
    </message>
    <message>
      <source>Use an address like https://server.example.org and an existing .pem file.</source>
      <translation>استخدم عنوانًا مثل https://server.example.org وملف ‎.pem موجودًا.</translation>
    </message>
    <message>
      <source>This laptop could not save what the server sent.</source>
      <translation>تعذر على هذا الحاسوب حفظ ما أرسله الخادم.</translation>
    </message>
    <message>
      <source>The sync stopped on an unexpected error.</source>
      <translation>توقفت المزامنة بسبب خطأ غير متوقع.</translation>
    </message>
    <message>
      <source>What was acknowledged is kept. Send the log file to your coordinator.</source>
      <translation>ما تم تأكيده محفوظ. أرسل ملف السجل إلى منسقك.</translation>
    </message>
    <message>
      <source>The sync failed.</source>
      <translation>فشلت المزامنة.</translation>
    </message>
    <message>
      <source>Try again later; the log file has the details.</source>
      <translation>أعد المحاولة لاحقًا؛ ملف السجل يحتوي على التفاصيل.</translation>
    </message>
    <message>
      <source>The server refused the request: %1.</source>
      <translation>رفض الخادم الطلب: %1.</translation>
    </message>
    <message>
      <source>This laptop&apos;s disk is full: what the server sent was not saved.</source>
      <translation>قرص هذا الحاسوب ممتلئ: لم يُحفظ ما أرسله الخادم.</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, move photos away), then synchronise again. Nothing was lost.</source>
      <translation>وفّر بعض المساحة (أفرغ سلة المحذوفات، انقل الصور)، ثم زامن من جديد. لم يضع شيء.</translation>
    </message>
    <message>
      <source>FieldApp cannot write in its data folder: it is read-only.</source>
      <translation>لا يستطيع FieldApp الكتابة في مجلد بياناته: إنه للقراءة فقط.</translation>
    </message>
    <message>
      <source>Ask your IT contact to fix the folder&apos;s permissions, then synchronise again. Nothing was lost.</source>
      <translation>اطلب من المسؤول المعلوماتي تصحيح صلاحيات المجلد، ثم زامن من جديد. لم يضع شيء.</translation>
    </message>
    <message>
      <source>The database on this laptop is damaged.</source>
      <translation>قاعدة بيانات هذا الحاسوب تالفة.</translation>
    </message>
    <message>
      <source>Keep a copy of the data folder, do not delete it, and call your coordinator: they can restore the last backup.</source>
      <translation>احتفظ بنسخة من مجلد البيانات، لا تحذفه، واتصل بمنسقك: يمكنه استعادة آخر نسخة احتياطية.</translation>
    </message>
    <message>
      <source>Nothing was lost. Synchronise again; if it happens again, send the log file to your coordinator.</source>
      <translation>لم يضع شيء. زامن من جديد؛ إن تكرر ذلك، أرسل ملف السجل إلى منسقك.</translation>
    </message>
  </context>
  <context>
    <name>SyncPanel</name>
    <message numerus="yes">
      <source>Received but set aside (%n)…</source>
      <translation>
        <numerusform>مستلم وُضع جانبا (%n)…</numerusform>
        <numerusform>مستلم وُضع جانبا (%n)…</numerusform>
        <numerusform>مستلمان وُضعا جانبا (%n)…</numerusform>
        <numerusform>مستلمة وُضعت جانبا (%n)…</numerusform>
        <numerusform>مستلمة وُضعت جانبا (%n)…</numerusform>
        <numerusform>مستلمة وُضعت جانبا (%n)…</numerusform>
      </translation>
    </message>
    <message>
      <source>The server was restored from an older backup: %1 change(s) it had lost were sent again.</source>
      <translation>استُعيد الخادم من نسخة احتياطية أقدم: أُعيد إرسال %1 تغيير(ات) كان قد فقدها.</translation>
    </message>
    <message>
      <source>This server is another database than the last one: %1 change(s) it did not hold were sent.</source>
      <translation>هذا الخادم قاعدة بيانات غير السابقة: أُرسل إليه %1 تغيير(ات) لم تكن لديه.</translation>
    </message>
    <message>
      <source>&amp;Synchronise now</source>
      <translation>&amp;مزامنة الآن</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>إ&amp;لغاء</translation>
    </message>
    <message>
      <source>Stops at the next safe point: nothing is lost, the rest is sent next time</source>
      <translation>يتوقف عند النقطة الآمنة التالية: لا يضيع شيء، ويُرسل الباقي في المرة القادمة</translation>
    </message>
    <message>
      <source>Progress</source>
      <translation>التقدم</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>التعديلات</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>الصور</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>المستلم</translation>
    </message>
    <message>
      <source>This sync</source>
      <translation>هذه المزامنة</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>مرسلة</translation>
    </message>
    <message>
      <source>merged</source>
      <translation>مدمجة</translation>
    </message>
    <message>
      <source>conflicts</source>
      <translation>تعارضات</translation>
    </message>
    <message>
      <source>set aside</source>
      <translation>موضوعة جانبًا</translation>
    </message>
    <message>
      <source>received</source>
      <translation>مستلمة</translation>
    </message>
    <message>
      <source>Log</source>
      <translation>السجل</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>التعديل</translation>
    </message>
    <message>
      <source>Made on</source>
      <translation>أُجري في</translation>
    </message>
    <message>
      <source>Why the server refused it</source>
      <translation>سبب رفض الخادم له</translation>
    </message>
    <message numerus="yes">
      <source>Set aside by the server (%n)</source>
      <translation>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
        <numerusform>وضعها الخادم جانبًا (%n)</numerusform>
      </translation>
    </message>
    <message>
      <source>Set aside by the server: none</source>
      <translation>ما وضعه الخادم جانبًا: لا شيء</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
      <source>Synchronising…</source>
      <translation>جارٍ المزامنة…</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>آخر مزامنة: %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message>
      <source>Cancelling: the sync stops after the current step.</source>
      <translation>الإلغاء: تتوقف المزامنة بعد الخطوة الجارية.</translation>
    </message>
    <message>
      <source>Sync started by hand.</source>
      <translation>بدأت المزامنة يدويًا.</translation>
    </message>
    <message>
      <source>Sync started: the server is reachable.</source>
      <translation>بدأت المزامنة: الخادم متاح.</translation>
    </message>
    <message>
      <source>Sync started: changes are waiting to be sent.</source>
      <translation>بدأت المزامنة: توجد تعديلات تنتظر الإرسال.</translation>
    </message>
    <message>
      <source>Periodic sync started.</source>
      <translation>بدأت المزامنة الدورية.</translation>
    </message>
    <message>
      <source>Sync started.</source>
      <translation>بدأت المزامنة.</translation>
    </message>
    <message numerus="yes">
      <source>Sending changes: %n waiting.</source>
      <translation>
        <numerusform>إرسال التعديلات: لا شيء في الانتظار.</numerusform>
        <numerusform>إرسال التعديلات: تعديل واحد في الانتظار.</numerusform>
        <numerusform>إرسال التعديلات: تعديلان في الانتظار.</numerusform>
        <numerusform>إرسال التعديلات: %n تعديلات في الانتظار.</numerusform>
        <numerusform>إرسال التعديلات: %n تعديلًا في الانتظار.</numerusform>
        <numerusform>إرسال التعديلات: %n تعديل في الانتظار.</numerusform>
      </translation>
    </message>
    <message>
      <source>Uploading photos: %1.</source>
      <translation>رفع الصور: %1.</translation>
    </message>
    <message>
      <source>Receiving what changed on the server.</source>
      <translation>استلام ما تغير على الخادم.</translation>
    </message>
    <message numerus="yes">
      <source>%n received</source>
      <translation>
        <numerusform>لا شيء مستلم</numerusform>
        <numerusform>واحد مستلم</numerusform>
        <numerusform>اثنان مستلمان</numerusform>
        <numerusform>%n مستلمة</numerusform>
        <numerusform>%n مستلمًا</numerusform>
        <numerusform>%n مستلم</numerusform>
      </translation>
    </message>
    <message>
      <source>nothing to do</source>
      <translation>لا شيء للقيام به</translation>
    </message>
    <message>
      <source>Changes: %1 sent and acknowledged (%2 merged, %3 in conflict), %4 set aside.</source>
      <translation>التعديلات: %1 أُرسلت وأُكِّدت (%2 مدمجة، %3 في تعارض)، %4 موضوعة جانبًا.</translation>
    </message>
    <message>
      <source>Photos: upload done.</source>
      <translation>الصور: اكتمل الرفع.</translation>
    </message>
    <message numerus="yes">
      <source>Received: %n change(s) from the server.</source>
      <translation>
        <numerusform>المستلم: لا تعديلات من الخادم.</numerusform>
        <numerusform>المستلم: تعديل واحد من الخادم.</numerusform>
        <numerusform>المستلم: تعديلان من الخادم.</numerusform>
        <numerusform>المستلم: %n تعديلات من الخادم.</numerusform>
        <numerusform>المستلم: %n تعديلًا من الخادم.</numerusform>
        <numerusform>المستلم: %n تعديل من الخادم.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Cancelled. Nothing was lost: %n change(s) still to send.</source>
      <translation>
        <numerusform>أُلغيت. لم يضع شيء: لا تعديلات متبقية للإرسال.</numerusform>
        <numerusform>أُلغيت. لم يضع شيء: تعديل واحد متبقٍ للإرسال.</numerusform>
        <numerusform>أُلغيت. لم يضع شيء: تعديلان متبقيان للإرسال.</numerusform>
        <numerusform>أُلغيت. لم يضع شيء: %n تعديلات متبقية للإرسال.</numerusform>
        <numerusform>أُلغيت. لم يضع شيء: %n تعديلًا متبقيًا للإرسال.</numerusform>
        <numerusform>أُلغيت. لم يضع شيء: %n تعديل متبقٍ للإرسال.</numerusform>
      </translation>
    </message>
    <message>
      <source>Failed: %1 %2</source>
      <translation>فشل: %1 %2</translation>
    </message>
    <message>
      <source>stopped</source>
      <translation>متوقف</translation>
    </message>
    <message>
      <source>Sync finished in %1 s.</source>
      <translation>انتهت المزامنة في %1 ث.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) still to send.</source>
      <translation>
        <numerusform>لا تعديلات متبقية للإرسال.</numerusform>
        <numerusform>تعديل واحد متبقٍ للإرسال.</numerusform>
        <numerusform>تعديلان متبقيان للإرسال.</numerusform>
        <numerusform>%n تعديلات متبقية للإرسال.</numerusform>
        <numerusform>%n تعديلًا متبقيًا للإرسال.</numerusform>
        <numerusform>%n تعديل متبقٍ للإرسال.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) of imported bundles still to relay to the server.</source>
      <translation>
        <numerusform>لا تعديلات من الحزم المستوردة متبقية للإرسال إلى الخادم.</numerusform>
        <numerusform>تعديل واحد من الحزم المستوردة متبقٍ للإرسال إلى الخادم.</numerusform>
        <numerusform>تعديلان من الحزم المستوردة متبقيان للإرسال إلى الخادم.</numerusform>
        <numerusform>%n تعديلات من الحزم المستوردة متبقية للإرسال إلى الخادم.</numerusform>
        <numerusform>%n تعديلًا من الحزم المستوردة متبقيًا للإرسال إلى الخادم.</numerusform>
        <numerusform>%n تعديل من الحزم المستوردة متبقٍ للإرسال إلى الخادم.</numerusform>
      </translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min ahead of the server&apos;s: set its date and time.</source>
      <translation>ساعة هذا الحاسوب متقدمة بـ %1 دقيقة عن ساعة الخادم: اضبط التاريخ والوقت.</translation>
    </message>
    <message>
      <source>This laptop&apos;s clock is %1 min behind the server&apos;s: set its date and time.</source>
      <translation>ساعة هذا الحاسوب متأخرة بـ %1 دقيقة عن ساعة الخادم: اضبط التاريخ والوقت.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) set aside by the server: see the list below.</source>
      <translation>
        <numerusform>لم يضع الخادم أي تعديل جانبًا.</numerusform>
        <numerusform>وضع الخادم تعديلًا واحدًا جانبًا: انظر القائمة أدناه.</numerusform>
        <numerusform>وضع الخادم تعديلين جانبًا: انظر القائمة أدناه.</numerusform>
        <numerusform>وضع الخادم %n تعديلات جانبًا: انظر القائمة أدناه.</numerusform>
        <numerusform>وضع الخادم %n تعديلًا جانبًا: انظر القائمة أدناه.</numerusform>
        <numerusform>وضع الخادم %n تعديل جانبًا: انظر القائمة أدناه.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n question(s) in conflict wait for your choice (Conflicts).</source>
      <translation>
        <numerusform>لا أسئلة في تعارض.</numerusform>
        <numerusform>سؤال واحد في تعارض ينتظر اختيارك (التعارضات).</numerusform>
        <numerusform>سؤالان في تعارض ينتظران اختيارك (التعارضات).</numerusform>
        <numerusform>%n أسئلة في تعارض تنتظر اختيارك (التعارضات).</numerusform>
        <numerusform>%n سؤالًا في تعارض تنتظر اختيارك (التعارضات).</numerusform>
        <numerusform>%n سؤال في تعارض تنتظر اختيارك (التعارضات).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) decided on another laptop: closed here.</source>
      <translation>
        <numerusform>لم يُحسم أي تعارض على حاسوب آخر.</numerusform>
        <numerusform>حُسم تعارض واحد على حاسوب آخر: أُغلق هنا.</numerusform>
        <numerusform>حُسم تعارضان على حاسوب آخر: أُغلقا هنا.</numerusform>
        <numerusform>حُسمت %n تعارضات على حاسوب آخر: أُغلقت هنا.</numerusform>
        <numerusform>حُسم %n تعارضًا على حاسوب آخر: أُغلقت هنا.</numerusform>
        <numerusform>حُسم %n تعارض على حاسوب آخر: أُغلقت هنا.</numerusform>
      </translation>
    </message>
    <message>
      <source>Server unreachable</source>
      <translation>تعذّر الوصول إلى الخادم</translation>
    </message>
    <message>
      <source>next try at %1</source>
      <translation>المحاولة التالية على الساعة %1</translation>
    </message>
    <message>
      <source>The server cannot be reached; next try at %1.</source>
      <translation>تعذّر الوصول إلى الخادم؛ المحاولة التالية على الساعة %1.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>next try at %1</source>
      <translation>المحاولة التالية على الساعة %1</translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) to send</source>
      <translation><numerusform>%n مسودة للإرسال</numerusform><numerusform>%n مسودة للإرسال</numerusform><numerusform>%n مسودتان للإرسال</numerusform><numerusform>%n مسودات للإرسال</numerusform><numerusform>%n مسودة للإرسال</numerusform><numerusform>%n مسودة للإرسال</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n draft(s) in progress</source>
      <translation><numerusform>%n مسودة قيد الإنجاز</numerusform><numerusform>%n مسودة قيد الإنجاز</numerusform><numerusform>%n مسودتان قيد الإنجاز</numerusform><numerusform>%n مسودات قيد الإنجاز</numerusform><numerusform>%n مسودة قيد الإنجاز</numerusform><numerusform>%n مسودة قيد الإنجاز</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>(%n to send)</source>
      <translation>
        <numerusform>(لا شيء للإرسال)</numerusform>
        <numerusform>(واحدة للإرسال)</numerusform>
        <numerusform>(اثنتان للإرسال)</numerusform>
        <numerusform>(%n للإرسال)</numerusform>
        <numerusform>(%n للإرسال)</numerusform>
        <numerusform>(%n للإرسال)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n finalized survey(s) to send</source>
      <translation><numerusform>%n استمارة منتهية للإرسال</numerusform><numerusform>%n استمارة منتهية للإرسال</numerusform><numerusform>%n استمارتان منتهيتان للإرسال</numerusform><numerusform>%n استمارات منتهية للإرسال</numerusform><numerusform>%n استمارة منتهية للإرسال</numerusform><numerusform>%n استمارة منتهية للإرسال</numerusform></translation>
    </message>
    <message numerus="yes">
      <source>%n other change(s) to send</source>
      <translation><numerusform>%n تغيير آخر للإرسال</numerusform><numerusform>%n تغيير آخر للإرسال</numerusform><numerusform>%n تغييران آخران للإرسال</numerusform><numerusform>%n تغييرات أخرى للإرسال</numerusform><numerusform>%n تغييرا آخر للإرسال</numerusform><numerusform>%n تغيير آخر للإرسال</numerusform></translation>
    </message>
    <message>
      <source>Nothing to send</source>
      <translation>لا شيء للإرسال</translation>
    </message>
        <message numerus="yes">
      <source>%n refused by the server</source>
      <translation><numerusform>%n مرفوضة من الخادم</numerusform><numerusform>%n مرفوضة من الخادم</numerusform><numerusform>%n مرفوضتان من الخادم</numerusform><numerusform>%n مرفوضة من الخادم</numerusform><numerusform>%n مرفوضة من الخادم</numerusform><numerusform>%n مرفوضة من الخادم</numerusform></translation>
    </message>
    <message>
      <source>● Not enrolled</source>
      <translation>● غير مسجل</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● غير متصل</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● متصل</translation>
    </message>
    <message>
      <source>● Synchronising…</source>
      <translation>● جارٍ التزامن…</translation>
    </message>
    <message>
      <source>● Sync problem</source>
      <translation>● مشكلة في المزامنة</translation>
    </message>
    <message>
      <source>This laptop is not yet enrolled with the central server.</source>
      <translation>هذا الحاسوب غير مسجل بعد لدى الخادم المركزي.</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>لا توجد تعديلات للإرسال</numerusform>
        <numerusform>تعديل واحد للإرسال</numerusform>
        <numerusform>تعديلان للإرسال</numerusform>
        <numerusform>%n تعديلات للإرسال</numerusform>
        <numerusform>%n تعديلا للإرسال</numerusform>
        <numerusform>%n تعديل للإرسال</numerusform>
      </translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>آخر مزامنة: %1</translation>
    </message>
    <message>
      <source>Never synchronised</source>
      <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message>
      <source>Click to open the Sync panel</source>
      <translation>انقر لفتح لوحة المزامنة</translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) to resolve</source>
      <translation>
        <numerusform>لا تعارضات</numerusform>
        <numerusform>تعارض واحد يجب حله</numerusform>
        <numerusform>تعارضان يجب حلهما</numerusform>
        <numerusform>%n تعارضات يجب حلها</numerusform>
        <numerusform>%n تعارضًا يجب حلها</numerusform>
        <numerusform>%n تعارض يجب حلها</numerusform>
      </translation>
    </message>
    <message>
      <source>● Server unreachable</source>
      <translation>● تعذّر الوصول إلى الخادم</translation>
    </message>
  </context>
  <context>
    <name>ValidationPanel</name>
    <message>
      <source>Close the list</source>
      <translation>إغلاق القائمة</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) missing or to correct before finalizing</source>
      <translation>
        <numerusform>لا توجد إجابات ناقصة</numerusform>
        <numerusform>إجابة واحدة ناقصة أو للتصحيح قبل الإنهاء</numerusform>
        <numerusform>إجابتان ناقصتان أو للتصحيح قبل الإنهاء</numerusform>
        <numerusform>%n إجابات ناقصة أو للتصحيح قبل الإنهاء</numerusform>
        <numerusform>%n إجابة ناقصة أو للتصحيح قبل الإنهاء</numerusform>
        <numerusform>%n إجابة ناقصة أو للتصحيح قبل الإنهاء</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing is missing: the survey can be finalized.</source>
      <translation>لا شيء ناقص: يمكن إنهاء الاستمارة.</translation>
    </message>
  </context>
  <context>
    <name>NewerVersionBanner</name>
    <message>
      <source>A newer version of this form (%1) is available. Your answers stay in the version this survey was started with until you move it.</source>
      <translation>يتوفر إصدار أحدث من هذه الاستمارة (%1). تبقى إجاباتك في الإصدار الذي بدأ به هذا المسح إلى أن تنقله.</translation>
    </message>
    <message>
      <source>Move this draft to %1…</source>
      <translation>نقل هذه المسودة إلى الإصدار %1…</translation>
    </message>
  </context>
  <context>
    <name>MoveDialog</name>
    <message>
      <source>(no answer)</source>
      <translation>(لا توجد إجابة)</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>نعم</translation>
    </message>
    <message>
      <source>no</source>
      <translation>لا</translation>
    </message>
    <message>
      <source>a photo</source>
      <translation>صورة</translation>
    </message>
    <message numerus="yes">
      <source>%n entries</source>
      <translation>
        <numerusform>لا توجد مدخلات</numerusform>
        <numerusform>مدخل واحد</numerusform>
        <numerusform>مدخلان</numerusform>
        <numerusform>%n مدخلات</numerusform>
        <numerusform>%n مدخلا</numerusform>
        <numerusform>%n مدخل</numerusform>
      </translation>
    </message>
    <message>
      <source>Move this draft to version %1</source>
      <translation>نقل هذه المسودة إلى الإصدار %1</translation>
    </message>
    <message numerus="yes">
      <source>%n answer(s) do not fit version %1 and will be removed from this draft. They are kept in the journal of this laptop, so nothing is lost. Every other answer is kept; check the form afterwards.</source>
      <translation>
        <numerusform>لا توجد إجابة لا تتوافق مع الإصدار %1.</numerusform>
        <numerusform>إجابة واحدة لا تتوافق مع الإصدار %1 وستُحذف من هذه المسودة. تبقى محفوظة في سجل هذا الحاسوب، فلا يضيع شيء. تُحفظ كل الإجابات الأخرى؛ راجع الاستمارة بعد ذلك.</numerusform>
        <numerusform>إجابتان لا تتوافقان مع الإصدار %1 وستُحذفان من هذه المسودة. تبقيان محفوظتين في سجل هذا الحاسوب، فلا يضيع شيء. تُحفظ كل الإجابات الأخرى؛ راجع الاستمارة بعد ذلك.</numerusform>
        <numerusform>%n إجابات لا تتوافق مع الإصدار %1 وستُحذف من هذه المسودة. تبقى محفوظة في سجل هذا الحاسوب، فلا يضيع شيء. تُحفظ كل الإجابات الأخرى؛ راجع الاستمارة بعد ذلك.</numerusform>
        <numerusform>%n إجابة لا تتوافق مع الإصدار %1 وستُحذف من هذه المسودة. تبقى محفوظة في سجل هذا الحاسوب، فلا يضيع شيء. تُحفظ كل الإجابات الأخرى؛ راجع الاستمارة بعد ذلك.</numerusform>
        <numerusform>%n إجابة لا تتوافق مع الإصدار %1 وستُحذف من هذه المسودة. تبقى محفوظة في سجل هذا الحاسوب، فلا يضيع شيء. تُحفظ كل الإجابات الأخرى؛ راجع الاستمارة بعد ذلك.</numerusform>
      </translation>
    </message>
    <message>
      <source>Every answer fits version %1: nothing will be removed. Check the form afterwards for new questions.</source>
      <translation>كل الإجابات تتوافق مع الإصدار %1: لن يُحذف شيء. راجع الاستمارة بعد ذلك للأسئلة الجديدة.</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>السؤال</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>الإجابة</translation>
    </message>
    <message>
      <source>Why it does not fit</source>
      <translation>سبب عدم التوافق</translation>
    </message>
    <message>
      <source>Move to %1</source>
      <translation>النقل إلى %1</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
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
      <translation>اكتب وقتا، مثلا 14:30.</translation>
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
      <translation>اكتب تاريخا ووقتا، مثلا 2025-03-01 14:30.</translation>
    </message>
  </context>
  <context>
    <name>BarcodeEditor</name>
    <message>
      <source>Type or scan the code</source>
      <translation>اكتب الرمز أو امسحه ضوئيا</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>Each line must be 'latitude longitude' on the globe.</source>
      <translation>يجب أن يكون كل سطر «خط العرض خط الطول» على الكرة الأرضية.</translation>
    </message>
  </context>
  <context>
    <name>RangeEditor</name>
    <message>
      <source>Clear</source>
      <translation>مسح</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>غير محدد</translation>
    </message>
  </context>
  <context>
    <name>AcknowledgeEditor</name>
    <message>
      <source>OK</source>
      <translation>موافق</translation>
    </message>
  </context>
  <context>
    <name>PinDialog</name>
    <message>
      <source>FieldApp is locked</source>
      <translation>FieldApp مقفل</translation>
    </message>
    <message>
      <source>FieldApp</source>
      <translation>FieldApp</translation>
    </message>
    <message>
      <source>This profile's data is encrypted on this laptop. Choose a PIN or passphrase of at least %1 characters. Without it nobody, not even you, can read the data: write it down somewhere safe.</source>
      <translation>بيانات هذا الملف الشخصي مشفرة على هذا الحاسوب. اختر رمزًا سريًا أو عبارة مرور من %1 أحرف على الأقل. بدونه لا يستطيع أحد، ولا أنت، قراءة البيانات: دوّنه في مكان آمن.</translation>
    </message>
    <message>
      <source>The window was locked after a few minutes without use.</source>
      <translation>تم قفل النافذة بعد بضع دقائق دون استعمال.</translation>
    </message>
    <message>
      <source>Type the PIN or passphrase of this profile.</source>
      <translation>أدخل الرمز السري أو عبارة المرور لهذا الملف الشخصي.</translation>
    </message>
    <message>
      <source>PIN or passphrase</source>
      <translation>الرمز السري أو عبارة المرور</translation>
    </message>
    <message>
      <source>PIN or passphrase:</source>
      <translation>الرمز السري أو عبارة المرور:</translation>
    </message>
    <message>
      <source>The same again</source>
      <translation>نفسه مرة أخرى</translation>
    </message>
    <message>
      <source>The same again:</source>
      <translation>نفسه مرة أخرى:</translation>
    </message>
    <message>
      <source>Forgot the PIN? The data on this laptop cannot be recovered: what was synchronised is safe on the server. Ask your coordinator for a new enrollment code and enroll this laptop again on a new profile.</source>
      <translation>نسيت الرمز السري؟ لا يمكن استرجاع البيانات الموجودة على هذا الحاسوب: ما تمت مزامنته محفوظ على الخادم. اطلب من منسقك رمز تسجيل جديدًا وسجّل هذا الحاسوب من جديد في ملف شخصي جديد.</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>فتح القفل</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>خروج</translation>
    </message>
    <message>
      <source>The two PINs differ.</source>
      <translation>الرمزان السريان مختلفان.</translation>
    </message>
    <message>
      <source>Choose at least %1 characters.</source>
      <translation>اختر %1 أحرف على الأقل.</translation>
    </message>
    <message>
      <source>Wrong PIN or passphrase.</source>
      <translation>رمز سري أو عبارة مرور غير صحيحة.</translation>
    </message>
  </context>
  <context>
    <name>FirstStart</name>
    <message>
      <source>No establishments on this laptop yet</source>
      <translation>لا توجد أي مؤسسة على هذا الحاسوب بعد</translation>
    </message>
    <message>
      <source>Enroll this laptop with the central server: your coordinator gives you an enrollment code, a one-time code of a few letters and digits that is valid for a few hours. Once enrolled, the first synchronisation brings the establishments assigned to you and the survey form.</source>
      <translation>سجّل هذا الحاسوب لدى الخادم المركزي: يعطيك منسقك رمز تسجيل، وهو رمز يستعمل مرة واحدة من بضعة حروف وأرقام وصالح لبضع ساعات. بعد التسجيل، تجلب المزامنة الأولى المؤسسات المسندة إليك والاستمارة.</translation>
    </message>
    <message>
      <source>Enroll this laptop…</source>
      <translation>تسجيل هذا الحاسوب…</translation>
    </message>
  </context>
  <context>
    <name>Refusals</name>
    <message>
      <source>this question is no longer in the form version the survey follows: only the server's value can be kept</source>
      <translation>لم يعد هذا السؤال موجودا في إصدار الاستمارة الذي يتبعه الاستبيان: لا يمكن الاحتفاظ إلا بقيمة الخادم</translation>
    </message>
    <message>
      <source>the server does not have this file yet: it is sent again</source>
      <translation>لا يملك الخادم هذا الملف بعد: سيُرسل من جديد</translation>
    </message>
    <message>
      <source>this establishment is no longer assigned to you</source>
      <translation>لم تعد هذه المؤسسة مسندة إليك</translation>
    </message>
    <message>
      <source>this establishment is outside your regions</source>
      <translation>هذه المؤسسة خارج جهاتك</translation>
    </message>
    <message>
      <source>the server does not know this establishment</source>
      <translation>الخادم لا يعرف هذه المؤسسة</translation>
    </message>
    <message>
      <source>this survey belongs to another establishment</source>
      <translation>هذه الاستمارة تخص مؤسسة أخرى</translation>
    </message>
    <message>
      <source>the server does not know this form version</source>
      <translation>الخادم لا يعرف هذه النسخة من الاستمارة</translation>
    </message>
    <message>
      <source>some answers are not accepted by the form on the server</source>
      <translation>بعض الأجوبة غير مقبولة في استمارة الخادم</translation>
    </message>
    <message>
      <source>a text holds characters the server does not accept</source>
      <translation>يحتوي نص على رموز لا يقبلها الخادم</translation>
    </message>
    <message>
      <source>an answer is longer than the server accepts</source>
      <translation>أحد الأجوبة أطول مما يقبله الخادم</translation>
    </message>
    <message>
      <source>it is larger than the server accepts</source>
      <translation>حجمه أكبر مما يقبله الخادم</translation>
    </message>
    <message>
      <source>this survey was approved: ask your coordinator to return it</source>
      <translation>تمت المصادقة على هذه الاستمارة: اطلب من منسقك إرجاعها</translation>
    </message>
    <message>
      <source>your account may not make this change</source>
      <translation>لا يحق لحسابك إجراء هذا التعديل</translation>
    </message>
    <message>
      <source>the server could not store it</source>
      <translation>تعذّر على الخادم حفظه</translation>
    </message>
    <message>
      <source>this change is malformed</source>
      <translation>هذا التعديل غير سليم</translation>
    </message>
    <message>
      <source>this kind of change is unknown to the server</source>
      <translation>الخادم لا يعرف هذا النوع من التعديل</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server never had</source>
      <translation>مبني على نسخة من الاستمارة لم تكن لدى الخادم قط</translation>
    </message>
    <message>
      <source>it is based on a version of the survey the server no longer has</source>
      <translation>مبني على نسخة من الاستمارة لم تعد لدى الخادم</translation>
    </message>
    <message>
      <source>this laptop already sent a newer version of this survey</source>
      <translation>سبق لهذا الحاسوب أن أرسل نسخة أحدث من هذه الاستمارة</translation>
    </message>
    <message>
      <source>this profile was copied from another laptop: enroll it anew</source>
      <translation>نُسخ هذا الملف الشخصي من حاسوب آخر: سجّله من جديد</translation>
    </message>
    <message>
      <source>the same change was sent twice with different content</source>
      <translation>أُرسل التعديل نفسه مرتين بمحتوى مختلف</translation>
    </message>
    <message>
      <source>the server does not know this survey</source>
      <translation>الخادم لا يعرف هذه الاستمارة</translation>
    </message>
    <message>
      <source>the survey changed since you reviewed it: review it again</source>
      <translation>تغيّرت الاستمارة منذ مراجعتك لها: راجعها من جديد</translation>
    </message>
    <message>
      <source>the survey is not finalized</source>
      <translation>الاستمارة غير منتهية</translation>
    </message>
    <message>
      <source>the server does not know this agent</source>
      <translation>الخادم لا يعرف هذا الباحث</translation>
    </message>
    <message>
      <source>this account is not a field agent</source>
      <translation>هذا الحساب ليس حساب باحث ميداني</translation>
    </message>
    <message>
      <source>the bundle&apos;s signature or region does not match</source>
      <translation>توقيع الحزمة أو جهتها غير مطابق</translation>
    </message>
    <message>
      <source>the photo file is missing on this laptop</source>
      <translation>ملف الصورة غير موجود على هذا الحاسوب</translation>
    </message>
    <message>
      <source>the photo file is damaged on this laptop</source>
      <translation>ملف الصورة تالف على هذا الحاسوب</translation>
    </message>
    <message>
      <source>the photo arrived damaged; it is sent again</source>
      <translation>وصلت الصورة تالفة؛ ستُرسل من جديد</translation>
    </message>
    <message>
      <source>the photo upload must start again</source>
      <translation>يجب إعادة إرسال الصورة من البداية</translation>
    </message>
    <message>
      <source>the server asked to receive everything again</source>
      <translation>طلب الخادم استلام كل شيء من جديد</translation>
    </message>
    <message>
      <source>the server is another database than before</source>
      <translation>الخادم قاعدة بيانات غير السابقة</translation>
    </message>
    <message>
      <source>the server was restored from an older backup</source>
      <translation>استُعيد الخادم من نسخة احتياطية أقدم</translation>
    </message>
    <message>
      <source>the server no longer accepts this laptop: enroll it again</source>
      <translation>لم يعد الخادم يقبل هذا الحاسوب: سجّله من جديد</translation>
    </message>
    <message>
      <source>the server could not read what was sent</source>
      <translation>تعذّر على الخادم قراءة ما أُرسل</translation>
    </message>
    <message>
      <source>this FieldApp does not match the server&apos;s version</source>
      <translation>نسخة FieldApp هذه لا تطابق نسخة الخادم</translation>
    </message>
    <message>
      <source>the server is busy: it is tried again later</source>
      <translation>الخادم مشغول: ستُعاد المحاولة لاحقًا</translation>
    </message>
    <message>
      <source>too many tries: wait a few minutes</source>
      <translation>محاولات كثيرة: انتظر بضع دقائق</translation>
    </message>
    <message>
      <source>this enrollment code is unknown</source>
      <translation>رمز التسجيل هذا غير معروف</translation>
    </message>
    <message>
      <source>this enrollment code was already used</source>
      <translation>سبق استعمال رمز التسجيل هذا</translation>
    </message>
    <message>
      <source>this enrollment code has expired</source>
      <translation>انتهت صلاحية رمز التسجيل هذا</translation>
    </message>
    <message>
      <source>this user account is disabled on the server</source>
      <translation>هذا الحساب معطّل على الخادم</translation>
    </message>
    <message>
      <source>the server refused it</source>
      <translation>رفضه الخادم</translation>
    </message>
    <message>
      <source>%1 (question “%2”)</source>
      <translation>%1 (السؤال «%2»)</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <source>the photo&apos;s fingerprint is not valid</source>
      <translation>بصمة الصورة غير صالحة</translation>
    </message>
  </context>
  <context>
    <name>FileEditor</name>
    <message>
      <source>Replace the recording…</source>
      <translation>استبدال التسجيل…</translation>
    </message>
    <message>
      <source>Choose a recording…</source>
      <translation>اختيار تسجيل…</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>استماع</translation>
    </message>
    <message>
      <source>Replace the video…</source>
      <translation>استبدال الفيديو…</translation>
    </message>
    <message>
      <source>Choose a video…</source>
      <translation>اختيار فيديو…</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>مشاهدة</translation>
    </message>
    <message>
      <source>Replace the file…</source>
      <translation>استبدال الملف…</translation>
    </message>
    <message>
      <source>Choose a file…</source>
      <translation>اختيار ملف…</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>فتح</translation>
    </message>
    <message>
      <source>Opens with the program this computer uses for such files</source>
      <translation>يُفتح بالبرنامج الذي يستعمله هذا الحاسوب لهذا النوع من الملفات</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>حذف</translation>
    </message>
    <message>
      <source>Attaching the file…</source>
      <translation>جارٍ إرفاق الملف…</translation>
    </message>
    <message>
      <source>No file</source>
      <translation>لا يوجد ملف</translation>
    </message>
  </context>
  <context>
    <name>SurveyForm</name>
    <message>
      <source>Recordings</source>
      <translation>التسجيلات</translation>
    </message>
    <message>
      <source>Videos</source>
      <translation>مقاطع الفيديو</translation>
    </message>
    <message>
      <source>Accepted files</source>
      <translation>الملفات المقبولة</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>كل الملفات (*)</translation>
    </message>
    <message>
      <source>Choose a file</source>
      <translation>اختيار ملف</translation>
    </message>
    <message>
      <source>The file %1 is empty.</source>
      <translation>الملف %1 فارغ.</translation>
    </message>
    <message>
      <source>The file %1 is too large (%2): the limit is %3.</source>
      <translation>الملف %1 كبير جدًا (%2): الحد الأقصى هو %3.</translation>
    </message>
    <message>
      <source>The file %1 is not of a type this question takes (%2).</source>
      <translation>الملف %1 ليس من نوع يقبله هذا السؤال (%2).</translation>
    </message>
    <message>
      <source>The file %1 cannot be read.</source>
      <translation>لا يمكن قراءة الملف %1.</translation>
    </message>
    <message>
      <source>No program on this computer opens %1.</source>
      <translation>لا يوجد برنامج على هذا الحاسوب يفتح %1.</translation>
    </message>
    <message>
      <source>The file %1 is not on this computer yet.</source>
      <translation>الملف %1 ليس على هذا الحاسوب بعد.</translation>
    </message>
  </context>
  <context>
    <name>QuestionView</name>
    <message>
      <source>Watch: %1</source>
      <translation>مشاهدة: %1</translation>
    </message>
    <message>
      <source>Listen: %1</source>
      <translation>استماع: %1</translation>
    </message>
    <message>
      <source>Play the video of this label (%1)</source>
      <translation>تشغيل فيديو هذا النص (%1)</translation>
    </message>
    <message>
      <source>Play the recording of this label (%1)</source>
      <translation>تشغيل تسجيل هذا النص (%1)</translation>
    </message>
    <message>
      <source>Watch</source>
      <translation>مشاهدة</translation>
    </message>
    <message>
      <source>Listen</source>
      <translation>استماع</translation>
    </message>
    <message>
      <source>Video missing: %1</source>
      <translation>فيديو غير موجود: %1</translation>
    </message>
    <message>
      <source>Audio missing: %1</source>
      <translation>صوت غير موجود: %1</translation>
    </message>
    <message>
      <source>Image missing: %1</source>
      <translation>صورة غير موجودة: %1</translation>
    </message>
  </context>
  <context>
    <name>GeotraceEditor</name>
    <message>
      <source>One point per line: latitude longitude (or click on the map)</source>
      <translation>نقطة في كل سطر: خط العرض خط الطول (أو انقر على الخريطة)</translation>
    </message>
    <message>
      <source>Close the shape</source>
      <translation>إغلاق الشكل</translation>
    </message>
    <message>
      <source>Area: %1 · perimeter: %2</source>
      <translation>المساحة: %1 · المحيط: %2</translation>
    </message>
    <message>
      <source>Length: %1</source>
      <translation>الطول: %1</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAside</name>
    <message>
      <source>A survey</source>
      <translation>استبيان</translation>
    </message>
    <message>
      <source>An establishment</source>
      <translation>مؤسسة</translation>
    </message>
    <message>
      <source>A form version</source>
      <translation>إصدار من الاستمارة</translation>
    </message>
    <message>
      <source>A coordinator's review</source>
      <translation>قرار المنسق</translation>
    </message>
    <message>
      <source>A conflict</source>
      <translation>تعارض</translation>
    </message>
    <message>
      <source>An item</source>
      <translation>عنصر</translation>
    </message>
    <message>
      <source>it holds characters that are not valid text</source>
      <translation>يحتوي على رموز ليست نصا صالحا</translation>
    </message>
    <message>
      <source>it is larger than this app accepts</source>
      <translation>حجمه أكبر مما يقبله التطبيق</translation>
    </message>
    <message>
      <source>it names a photo in a way this app refuses</source>
      <translation>يشير إلى صورة بطريقة يرفضها التطبيق</translation>
    </message>
    <message>
      <source>it is malformed</source>
      <translation>بنيته غير صحيحة</translation>
    </message>
    <message>
      <source>this app could not apply it</source>
      <translation>لم يتمكن التطبيق من تطبيقه</translation>
    </message>
    <message>
      <source>Update FieldApp if a newer version exists; otherwise copy the details for your coordinator. Then receive everything again.</source>
      <translation>حدّث FieldApp إن وُجد إصدار أحدث؛ وإلا انسخ التفاصيل لمنسقك. ثم استقبل كل شيء من جديد.</translation>
    </message>
    <message>
      <source>Copy the details for your coordinator, who corrects it on the server; then receive everything again.</source>
      <translation>انسخ التفاصيل لمنسقك الذي يصححه على الخادم؛ ثم استقبل كل شيء من جديد.</translation>
    </message>
  </context>
  <context>
    <name>PulledSetAsideDialog</name>
    <message>
      <source>Received items set aside</source>
      <translation>عناصر مستلمة وُضعت جانبا</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>تاريخ الاستلام</translation>
    </message>
    <message>
      <source>What</source>
      <translation>ماذا</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>لماذا</translation>
    </message>
    <message>
      <source>What you can do</source>
      <translation>ما يمكنك فعله</translation>
    </message>
    <message>
      <source>&amp;Copy the details</source>
      <translation>&amp;نسخ التفاصيل</translation>
    </message>
    <message>
      <source>&amp;Receive everything again</source>
      <translation>ا&amp;ستقبال كل شيء من جديد</translation>
    </message>
    <message>
      <source>At the next sync; your own changes are kept and nothing is sent twice</source>
      <translation>عند المزامنة القادمة؛ تُحفظ تعديلاتك ولا يُرسل شيء مرتين</translation>
    </message>
    <message>
      <source>&amp;Hide these</source>
      <translation>إ&amp;خفاء هذه</translation>
    </message>
    <message numerus="yes">
      <source>The server sent %n item(s) this laptop did not apply. Everything else was received; these wait for a correction on the server.</source>
      <translation>
        <numerusform>أرسل الخادم %n عنصر لم يطبقه هذا الحاسوب. استُلم كل ما عداه؛ وهو ينتظر تصحيحا على الخادم.</numerusform>
        <numerusform>أرسل الخادم عنصرا واحدا لم يطبقه هذا الحاسوب. استُلم كل ما عداه؛ وهو ينتظر تصحيحا على الخادم.</numerusform>
        <numerusform>أرسل الخادم عنصرين لم يطبقهما هذا الحاسوب. استُلم كل ما عداهما؛ وهما ينتظران تصحيحا على الخادم.</numerusform>
        <numerusform>أرسل الخادم %n عناصر لم يطبقها هذا الحاسوب. استُلم كل ما عداها؛ وهي تنتظر تصحيحا على الخادم.</numerusform>
        <numerusform>أرسل الخادم %n عنصرا لم يطبقها هذا الحاسوب. استُلم كل ما عداها؛ وهي تنتظر تصحيحا على الخادم.</numerusform>
        <numerusform>أرسل الخادم %n عنصر لم يطبقها هذا الحاسوب. استُلم كل ما عداها؛ وهي تنتظر تصحيحا على الخادم.</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing received was set aside.</source>
      <translation>لم يوضع جانبا أي شيء مما استُلم.</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <source>The details are copied: paste them in a message.</source>
      <translation>نُسخت التفاصيل: ألصقها في رسالة.</translation>
    </message>
    <message>
      <source>The next sync receives everything again; what was corrected is applied.</source>
      <translation>ستستقبل المزامنة القادمة كل شيء من جديد؛ ويُطبَّق ما صُحّح.</translation>
    </message>
  </context>
  <context>
    <name>ChecklistEditor</name>
    <message>
      <source>%1 chosen: %2</source>
      <translation>%1 مختارة: %2</translation>
    </message>
    <message>
      <source>Nothing chosen</source>
      <translation>لا شيء مختار</translation>
    </message>
  </context>
</TS>