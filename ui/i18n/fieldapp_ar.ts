<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
  <context>
    <name>DateEditor</name>
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
  </context>
  <context>
    <name>EstablishmentDetail</name>
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
      <source>FieldApp — Baseline survey of social-protection establishments</source>
      <translation>FieldApp — البحث المرجعي لمؤسسات الرعاية الاجتماعية</translation>
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
    <name>RepeatView</name>
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
  </context>
  <context>
    <name>SurveyForm</name>
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
  </context>
  <context>
    <name>SyncStatus</name>
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
</TS>