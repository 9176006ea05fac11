"""Sentences of the demo documents in the languages of the route, by group of subjects (labour,
justice, victims, general), and the headings of a document's sections.

Counts are written "the number of … was {n}" where the language makes the noun agree with the
numeral (Serbian, Croatian, Bosnian, Czech, Romanian…), so every filled sentence stays grammatical.
"""

from __future__ import annotations

Sentences = dict[str, list[str]]

SR: Sentences = {
    "labour": [
        "Indikatori prinudnog rada sami po sebi nisu dokaz, ali više indikatora zajedno treba da podstakne inspektora "
        "da dublje ispita slučaj.",
        "Radnici kojima su oduzeta lična dokumenta i koji žive na mestu rada pokazuju istovremeno nekoliko indikatora.",
        "Naknade za zapošljavanje koje plaćaju radnici prva su karika u lancu dužničkog ropstva.",
        "Zadržavanje zarada zabeleženo je u gotovo svim ispitanim slučajevima: plate su isplaćivane sa zakašnjenjem, "
        "delimično ili nikako.",
        "Inspektori rada često su prvi državni službenici koji se susreću sa eksploatisanim radnicima.",
        "Broj nadzora koje je inspekcija izvršila u rizičnim sektorima tokom {year}. godine iznosio je {n}; udeo "
        "nenajavljenih nadzora bio je {pct}%.",
        "Lanci podugovaranja sa četiri ili pet nivoa ostavljaju glavnog izvođača bez saznanja o tome ko zaista "
        "obavlja posao.",
        "Razgovori sa radnicima treba da se vode bez prisustva poslodavca i uz tumača koji nije povezan sa "
        "poslodavcem.",
    ],
    "justice": [
        "Zajednički istražni tim osniva se sporazumom nadležnih organa dve ili više država, za određenu svrhu i na "
        "ograničeno vreme.",
        "Zahtevi za međunarodnu pravnu pomoć vraćeni kao nepotpuni glavni su uzrok kašnjenja koji navode tužioci.",
        "Paralelnu finansijsku istragu treba pokrenuti čim se posumnja na radnu eksploataciju.",
        "Trgovina ljudima određena je sa tri elementa: radnjom, sredstvom i svrhom eksploatacije.",
        "Pristanak žrtve na nameravanu eksploataciju nema pravni značaj ako je upotrebljeno bilo koje od navedenih "
        "sredstava.",
        "Oficiri za vezu i bezbedni kanali za razmenu informacija skraćuju vreme potrebno za identifikaciju "
        "osumnjičenih u inostranstvu.",
        "Broj osumnjičenih identifikovanih u analiziranim predmetima iznosio je {n}, ali je samo trećina njih "
        "krivično gonjena u zemlji u kojoj se eksploatacija dogodila.",
        "Sud je utvrdio da je poslodavac svesno iskoristio dugove radnika i njihov nesiguran boravišni status.",
    ],
    "victims": [
        "Nacionalni mehanizam upućivanja određuje ko identifikuje pretpostavljene žrtve, ko im pruža pomoć i kako "
        "se upućuju.",
        "Identifikacija ne sme da zavisi od spremnosti žrtve da sarađuje sa organima gonjenja.",
        "Načelo nekažnjavanja štiti žrtve od krivičnog gonjenja za dela koja su bile primorane da izvrše.",
        "Pomoć obuhvata bezbedan smeštaj, zdravstvenu i psihološku podršku, pravno savetovanje i prevođenje.",
        "Naknada štete žrtvama radne eksploatacije treba da obuhvati i neisplaćene zarade.",
        "Broj pretpostavljenih žrtava trgovine ljudima radi radne eksploatacije upućenih na pomoć u {year}. godini "
        "iznosio je {n}.",
        "Muškarci žrtve radne eksploatacije ređe se identifikuju od žena, a skloništa za muškarce i dalje su retka.",
    ],
    "general": [
        "Studija se zasniva na intervjuima sa praktičarima (ukupno {n}) i na analizi sudskih spisa od {year}. godine.",
        "Podaci o trgovini ljudima radi radne eksploatacije raspoređeni su između inspekcija, policije, tužilaštava "
        "i nevladinih organizacija.",
        "Zvanični podaci obuhvataju samo slučajeve koji su stigli do nadležnih organa, a ne stvarni obim pojave.",
        "Preporučuje se da svaka institucija odredi kontakt osobu za slučajeve radne eksploatacije.",
        "Saradnju inspekcije rada i policije treba urediti pisanim protokolom.",
        "Obuke treba da okupe inspektore, policiju, tužioce i nevladine organizacije na istom mestu.",
        "U prevenciju treba uključiti i poslodavce i sindikate.",
    ],
    "training": [
        "Ovaj modul namenjen je mešovitim grupama inspektora rada, policajaca, tužilaca i predstavnika civilnog "
        "društva.",
        "Učesnici rade u malim grupama na slučaju koji prati radnika od vrbovanja do eksploatacije.",
        "Ulazni i izlazni test od deset pitanja mere šta su učesnici naučili.",
    ],
}
SR_HEADINGS = [
    "Uvod",
    "Kontekst",
    "Metodologija",
    "Nalazi",
    "Praksa u zemljama rute",
    "Saradnja između institucija",
    "Pouke iz predmeta",
    "Preporuke",
    "Zaključak",
]

SQ: Sentences = {
    "labour": [
        "Treguesit e punës së detyruar nuk janë provë në vetvete, por disa prej tyre së bashku duhet ta nxisin "
        "inspektorin të hetojë më tej.",
        "Punëtorët të cilëve u janë marrë dokumentet e identitetit dhe që jetojnë në vendin e punës shfaqin "
        "njëkohësisht disa tregues.",
        "Tarifat e rekrutimit që paguajnë punëtorët janë hallka e parë e skllavërisë për borxhe.",
        "Mbajtja e pagave u vu re pothuajse në të gjitha rastet e shqyrtuara: pagat paguheshin me vonesë, "
        "pjesërisht ose aspak.",
        "Inspektorët e punës janë shpesh zyrtarët e parë publikë që takojnë punëtorë të shfrytëzuar.",
        "Në vitin {year}, inspektorati kreu {n} inspektime në sektorët me rrezik, {pct}% e tyre pa njoftim paraprak.",
        "Zinxhirët e nënkontraktimit me katër ose pesë nivele e lënë kontraktorin kryesor pa dijeni se kush e kryen "
        "realisht punën.",
        "Intervistat me punëtorët duhet të zhvillohen larg punëdhënësit dhe me një përkthyes që nuk ka lidhje me të.",
    ],
    "justice": [
        "Ekipi i përbashkët hetimor krijohet me marrëveshje ndërmjet autoriteteve kompetente të dy ose më shumë "
        "shteteve, për një qëllim të caktuar dhe për një periudhë të kufizuar.",
        "Kërkesat për ndihmë juridike të ndërsjellë të kthyera si të paplota janë shkaku kryesor i vonesave sipas "
        "prokurorëve.",
        "Një hetim financiar paralel duhet të nisë sapo dyshohet për shfrytëzim në punë.",
        "Trafikimi i qenieve njerëzore përcaktohet nga tre elemente: veprimi, mjeti dhe qëllimi i shfrytëzimit.",
        "Pëlqimi i viktimës për shfrytëzimin e synuar është i parëndësishëm kur është përdorur ndonjë nga mjetet.",
        "Oficerët ndërlidhës dhe kanalet e sigurta të shkëmbimit të informacionit shkurtojnë kohën e identifikimit "
        "të të dyshuarve jashtë vendit.",
        "Në çështjet e analizuara u identifikuan {n} të dyshuar, por vetëm një e treta u ndoqën penalisht në vendin "
        "ku ndodhi shfrytëzimi.",
        "Gjykata vendosi që punëdhënësi kishte shfrytëzuar me vetëdije borxhin dhe gjendjen e parregullt të "
        "punëtorëve.",
    ],
    "victims": [
        "Mekanizmi kombëtar i referimit përcakton kush i identifikon viktimat e mundshme, kush u ofron ndihmë dhe si "
        "referohen ato.",
        "Identifikimi nuk duhet të varet nga gatishmëria e viktimës për të bashkëpunuar me hetimin.",
        "Parimi i mosndëshkimit i mbron viktimat nga ndjekja penale për vepra që u detyruan t'i kryenin.",
        "Ndihma përfshin strehim të sigurt, kujdes mjekësor dhe psikologjik, këshillim ligjor dhe përkthim.",
        "Dëmshpërblimi i viktimave të shfrytëzimit në punë duhet të përfshijë edhe pagat e papaguara.",
        "Në vitin {year}, {n} viktima të mundshme të trafikimit për shfrytëzim në punë u referuan për ndihmë.",
        "Viktimat që kthehen në vendin e origjinës kanë nevojë për mbështetje të vazhdueshme që të mos rekrutohen "
        "sërish.",
    ],
    "general": [
        "Studimi mbështetet në {n} intervista me praktikues dhe në analizën e dosjeve gjyqësore që nga viti {year}.",
        "Të dhënat për trafikimin për shfrytëzim në punë janë të shpërndara midis inspektoratit, policisë, "
        "prokurorisë dhe organizatave joqeveritare.",
        "Shifrat zyrtare pasqyrojnë rastet që arritën te autoritetet, jo përmasat reale të dukurisë.",
        "Rekomandohet që çdo institucion të caktojë një pikë kontakti për rastet e shfrytëzimit në punë.",
        "Bashkëpunimi ndërmjet inspektoratit të punës dhe policisë duhet të rregullohet me një protokoll të shkruar.",
        "Trajnimet duhet të bashkojnë në të njëjtën sallë inspektorët, policinë, prokurorët dhe organizatat "
        "joqeveritare.",
        "Punëdhënësit dhe sindikatat duhet të përfshihen në parandalim.",
    ],
    "training": [
        "Ky modul u drejtohet grupeve të përziera të inspektorëve të punës, policëve, prokurorëve dhe punonjësve të "
        "shoqërisë civile.",
        "Pjesëmarrësit punojnë në grupe të vogla mbi një rast që ndjek një punëtor nga rekrutimi deri te shfrytëzimi.",
        "Një test paraprak dhe një test përfundimtar me dhjetë pyetje matin çfarë kanë mësuar pjesëmarrësit.",
    ],
}
SQ_HEADINGS = [
    "Hyrje",
    "Konteksti",
    "Metodologjia",
    "Gjetjet",
    "Praktika në vendet e rrugës",
    "Bashkëpunimi ndërinstitucional",
    "Mësimet nga çështjet",
    "Rekomandime",
    "Përfundim",
]

RO: Sentences = {
    "labour": [
        "Indicatorii muncii forțate nu constituie o probă în sine, dar mai mulți indicatori împreună ar trebui să "
        "îl determine pe inspector să cerceteze mai departe.",
        "Lucrătorii cărora li s-au reținut actele de identitate și care locuiesc la locul de muncă prezintă "
        "simultan mai mulți indicatori.",
        "Taxele de recrutare plătite de lucrători reprezintă prima verigă a servituții pentru datorii.",
        "Reținerea salariilor a fost constatată în aproape toate cazurile examinate: salariile erau plătite cu "
        "întârziere, parțial sau deloc.",
        "Inspectorii de muncă sunt adesea primii funcționari publici care întâlnesc lucrători exploatați.",
        "În anul {year}, numărul controalelor efectuate de inspectorat în sectoarele cu risc ridicat a fost de {n}, "
        "dintre care {pct}% inopinate.",
        "Lanțurile de subcontractare cu patru sau cinci niveluri îl lasă pe contractantul principal fără să știe "
        "cine execută de fapt lucrarea.",
        "Interviurile cu lucrătorii trebuie să aibă loc în absența angajatorului și cu un interpret care nu are "
        "legături cu acesta.",
    ],
    "justice": [
        "Echipa comună de anchetă se constituie prin acord între autoritățile competente a două sau mai multe state, "
        "într-un scop determinat și pe o perioadă limitată.",
        "Ordinul european de anchetă permite unei autorități judiciare să obțină probe într-un alt stat membru pe "
        "baza recunoașterii reciproce.",
        "Cererile de asistență judiciară returnate ca incomplete sunt principala cauză a întârzierilor semnalate de "
        "procurori.",
        "O anchetă financiară paralelă trebuie deschisă de îndată ce există suspiciunea de exploatare prin muncă.",
        "Traficul de persoane se definește prin trei elemente: acțiunea, mijlocul și scopul exploatării.",
        "Consimțământul victimei la exploatarea urmărită nu are relevanță atunci când a fost folosit oricare dintre "
        "mijloace.",
        "Numărul suspecților identificați în dosarele analizate a fost de {n}, dar numai o treime dintre ei au fost "
        "trimiși în judecată în țara în care a avut loc exploatarea.",
        "Instanța a reținut că angajatorul a profitat cu bună știință de datoriile și de situația vulnerabilă a "
        "lucrătorilor.",
    ],
    "victims": [
        "Mecanismul național de referire stabilește cine identifică victimele prezumate, cine le oferă asistență și "
        "cum sunt referite.",
        "Identificarea nu trebuie să depindă de disponibilitatea victimei de a coopera cu organele de anchetă.",
        "Principiul nepedepsirii protejează victimele de urmărirea penală pentru fapte pe care au fost constrânse să "
        "le comită.",
        "Asistența cuprinde cazare sigură, îngrijire medicală și psihologică, consiliere juridică și interpretare.",
        "Despăgubirea victimelor exploatării prin muncă trebuie să includă salariile neplătite.",
        "În anul {year}, numărul victimelor prezumate ale traficului în scopul exploatării prin muncă referite "
        "către servicii de asistență a fost de {n}.",
        "Victimele care se întorc în țara de origine au nevoie de sprijin continuu pentru a nu fi recrutate din nou.",
    ],
    "general": [
        "Studiul se bazează pe interviuri cu practicieni ({n} în total) și pe analiza dosarelor judiciare începând "
        "din anul {year}.",
        "Datele privind traficul în scopul exploatării prin muncă sunt împrăștiate între inspectorate, poliție, "
        "parchete și organizații neguvernamentale.",
        "Cifrele oficiale reflectă cazurile ajunse la autorități, nu amploarea reală a fenomenului.",
        "Se recomandă ca fiecare instituție să desemneze o persoană de contact pentru cazurile de exploatare prin "
        "muncă.",
        "Cooperarea dintre inspecția muncii și poliție trebuie reglementată printr-un protocol scris.",
        "Formările ar trebui să reunească în aceeași sală inspectori, polițiști, procurori și organizații "
        "neguvernamentale.",
        "Angajatorii și sindicatele trebuie implicați în prevenire.",
    ],
    "training": [
        "Acest modul se adresează grupurilor mixte de inspectori de muncă, polițiști, procurori și reprezentanți ai "
        "societății civile.",
        "Participanții lucrează în grupuri mici pe un caz care urmărește un lucrător de la recrutare până la "
        "exploatare.",
        "Un test inițial și un test final de câte zece întrebări măsoară ce au învățat participanții.",
    ],
}
RO_HEADINGS = [
    "Introducere",
    "Context",
    "Metodologie",
    "Constatări",
    "Practica în țările de pe rută",
    "Cooperarea între instituții",
    "Lecții din dosare",
    "Recomandări",
    "Concluzii",
]

BG: Sentences = {
    "labour": [
        "Индикаторите за принудителен труд сами по себе си не са доказателство, но няколко индикатора заедно трябва "
        "да накарат инспектора да проучи случая по-задълбочено.",
        "Работниците, чиито документи за самоличност са задържани и които живеят на работното място, показват "
        "едновременно няколко индикатора.",
        "Таксите за наемане на работа, плащани от работниците, са първото звено във веригата на дълговото робство.",
        "Задържането на заплати е установено в почти всички разгледани случаи: заплатите са изплащани със "
        "закъснение, частично или изобщо не са изплащани.",
        "Инспекторите по труда често са първите държавни служители, които се срещат с експлоатирани работници.",
        "През {year} г. броят на проверките на инспекцията във високорисковите сектори е {n}, като {pct}% от тях са "
        "без предварително уведомление.",
        "Веригите от подизпълнители с четири или пет нива оставят главния изпълнител без представа кой всъщност "
        "извършва работата.",
        "Разговорите с работниците трябва да се провеждат без присъствието на работодателя и с преводач, който няма "
        "връзка с него.",
    ],
    "justice": [
        "Съвместният екип за разследване се създава със споразумение между компетентните органи на две или повече "
        "държави за определена цел и за ограничен срок.",
        "Европейската заповед за разследване позволява на съдебен орган да получи доказателства в друга държава "
        "членка въз основа на взаимното признаване.",
        "Молбите за правна помощ, върнати като непълни, са основната причина за забавяния според прокурорите.",
        "Паралелно финансово разследване трябва да започне веднага щом възникне подозрение за трудова експлоатация.",
        "Трафикът на хора се определя от три елемента: действие, средство и цел на експлоатацията.",
        "Съгласието на жертвата с планираната експлоатация е без значение, когато е използвано някое от средствата.",
        "Броят на заподозрените, установени в анализираните дела, е {n}, но само една трета от тях са преследвани в "
        "държавата, в която е извършена експлоатацията.",
        "Съдът приема, че работодателят съзнателно е използвал дълговете и уязвимото положение на работниците.",
    ],
    "victims": [
        "Националният механизъм за насочване определя кой идентифицира предполагаемите жертви, кой им оказва помощ и "
        "как те се насочват.",
        "Идентификацията не трябва да зависи от готовността на жертвата да сътрудничи на разследването.",
        "Принципът на ненаказуемост защитава жертвите от наказателно преследване за деяния, които са били принудени "
        "да извършат.",
        "Помощта включва безопасно настаняване, медицинска и психологическа грижа, правно консултиране и превод.",
        "Обезщетението на жертвите на трудова експлоатация трябва да включва и неизплатените заплати.",
        "През {year} г. броят на предполагаемите жертви на трафик с цел трудова експлоатация, насочени към услуги за "
        "подкрепа, е {n}.",
        "Жертвите, които се връщат в страната на произход, се нуждаят от продължаваща подкрепа, за да не бъдат "
        "отново набрани.",
    ],
    "general": [
        "Изследването се основава на интервюта с практици (общо {n}) и на анализ на съдебни дела от {year} г. насам.",
        "Данните за трафика с цел трудова експлоатация са разпръснати между инспекцията по труда, полицията, "
        "прокуратурата и неправителствените организации.",
        "Официалните данни отразяват случаите, достигнали до институциите, а не реалния мащаб на явлението.",
        "Препоръчва се всяка институция да определи лице за контакт по случаите на трудова експлоатация.",
        "Сътрудничеството между инспекцията по труда и полицията трябва да бъде уредено с писмен протокол.",
        "Обученията трябва да събират в една зала инспектори, полицаи, прокурори и неправителствени организации.",
        "Работодателите и синдикатите трябва да бъдат включени в превенцията.",
    ],
    "training": [
        "Този модул е предназначен за смесени групи от инспектори по труда, полицаи, прокурори и представители на "
        "гражданското общество.",
        "Участниците работят в малки групи по казус, който проследява един работник от набирането до експлоатацията.",
        "Входящ и изходящ тест с по десет въпроса измерват наученото от участниците.",
    ],
}
BG_HEADINGS = [
    "Въведение",
    "Контекст",
    "Методология",
    "Констатации",
    "Практиката в държавите по маршрута",
    "Сътрудничество между институциите",
    "Поуки от делата",
    "Препоръки",
    "Заключение",
]

IT: Sentences = {
    "labour": [
        "Gli indicatori del lavoro forzato non costituiscono di per sé una prova, ma la presenza di più indicatori "
        "deve spingere l'ispettore ad approfondire.",
        "I lavoratori ai quali sono stati trattenuti i documenti d'identità e che vivono sul luogo di lavoro "
        "presentano contemporaneamente più indicatori.",
        "Le commissioni di reclutamento pagate dai lavoratori sono il primo anello della servitù per debiti.",
        "La trattenuta dei salari è stata riscontrata in quasi tutti i casi esaminati: le retribuzioni erano pagate "
        "in ritardo, in parte o per nulla.",
        "Gli ispettori del lavoro sono spesso i primi pubblici ufficiali a incontrare lavoratori sfruttati.",
        "Nel {year} l'ispettorato ha effettuato {n} accessi ispettivi nei settori a rischio, il {pct}% dei quali "
        "senza preavviso.",
        "Il caporalato in agricoltura resta la forma più visibile di intermediazione illecita e sfruttamento del "
        "lavoro.",
        "Le catene di subappalto con quattro o cinque livelli lasciano il committente all'oscuro di chi svolge "
        "realmente il lavoro.",
        "I colloqui con i lavoratori devono svolgersi lontano dal datore di lavoro e con un interprete che non abbia "
        "legami con lui.",
    ],
    "justice": [
        "La squadra investigativa comune è costituita mediante accordo tra le autorità competenti di due o più "
        "Stati, per uno scopo determinato e per un periodo limitato.",
        "L'ordine europeo di indagine consente a un'autorità giudiziaria di ottenere prove in un altro Stato membro "
        "sulla base del reciproco riconoscimento.",
        "Le richieste di assistenza giudiziaria restituite perché incomplete sono la principale causa di ritardo "
        "segnalata dai pubblici ministeri.",
        "Un'indagine finanziaria parallela deve essere avviata non appena si sospetta un caso di sfruttamento "
        "lavorativo.",
        "La tratta di esseri umani è definita da tre elementi: l'azione, il mezzo e lo scopo di sfruttamento.",
        "Il consenso della vittima allo sfruttamento è irrilevante quando è stato utilizzato uno qualsiasi dei mezzi.",
        "Nei procedimenti analizzati sono stati identificati {n} indagati, ma solo un terzo è stato perseguito nel "
        "Paese in cui è avvenuto lo sfruttamento.",
        "Il tribunale ha ritenuto che il datore di lavoro avesse consapevolmente approfittato dei debiti e dello "
        "stato di bisogno dei lavoratori.",
    ],
    "victims": [
        "Il meccanismo nazionale di referral stabilisce chi identifica le presunte vittime, chi le assiste e come "
        "vengono indirizzate ai servizi.",
        "L'identificazione non deve dipendere dalla disponibilità della vittima a collaborare con le indagini.",
        "Il principio di non punibilità protegge le vittime dall'azione penale per i reati che sono state costrette "
        "a commettere.",
        "L'assistenza comprende un alloggio sicuro, cure mediche e psicologiche, consulenza legale e interpretariato.",
        "Il risarcimento delle vittime di sfruttamento lavorativo deve comprendere le retribuzioni non pagate.",
        "Nel {year} sono state indirizzate ai servizi di assistenza {n} presunte vittime di tratta a fini di "
        "sfruttamento lavorativo.",
        "Le vittime che rientrano nel Paese di origine hanno bisogno di un sostegno continuo per non essere "
        "reclutate di nuovo.",
    ],
    "general": [
        "Lo studio si basa su {n} interviste a operatori del settore e sull'analisi di fascicoli giudiziari dal "
        "{year} in poi.",
        "I dati sulla tratta a fini di sfruttamento lavorativo sono sparsi tra ispettorati, forze di polizia, "
        "procure e organizzazioni non governative.",
        "I dati ufficiali rilevano i casi giunti alle autorità, non la reale dimensione del fenomeno.",
        "Si raccomanda che ogni istituzione designi un punto di contatto per i casi di sfruttamento lavorativo.",
        "La collaborazione tra ispettorato del lavoro e polizia dovrebbe essere disciplinata da un protocollo scritto.",
        "La formazione dovrebbe riunire nella stessa aula ispettori, forze di polizia, magistrati e organizzazioni "
        "non governative.",
        "Datori di lavoro e sindacati devono essere coinvolti nella prevenzione.",
    ],
    "training": [
        "Questo modulo è destinato a gruppi misti di ispettori del lavoro, agenti di polizia, magistrati e operatori "
        "della società civile.",
        "I partecipanti lavorano in piccoli gruppi su un caso che segue un lavoratore dal reclutamento allo "
        "sfruttamento.",
        "Un test iniziale e un test finale di dieci domande misurano l'apprendimento dei partecipanti.",
    ],
}
IT_HEADINGS = [
    "Introduzione",
    "Contesto",
    "Metodologia",
    "Risultati",
    "Le prassi nei Paesi della rotta",
    "La cooperazione tra istituzioni",
    "Insegnamenti dai casi",
    "Raccomandazioni",
    "Conclusioni",
]

DE: Sentences = {
    "labour": [
        "Die Indikatoren für Zwangsarbeit sind für sich genommen kein Beweis, doch mehrere Indikatoren zusammen "
        "sollten die Kontrollbehörde zu weiteren Ermittlungen veranlassen.",
        "Arbeitnehmer, deren Ausweisdokumente einbehalten werden und die am Arbeitsort wohnen, weisen gleichzeitig "
        "mehrere Indikatoren auf.",
        "Von den Arbeitnehmern verlangte Vermittlungsgebühren sind das erste Glied der Schuldknechtschaft.",
        "Das Zurückhalten von Löhnen wurde in fast allen untersuchten Fällen festgestellt: Die Löhne wurden "
        "verspätet, teilweise oder gar nicht ausgezahlt.",
        "Arbeitsinspektorinnen und Arbeitsinspektoren sind oft die ersten Amtspersonen, die ausgebeuteten "
        "Arbeitnehmern begegnen.",
        "Im Jahr {year} führte die Finanzpolizei {n} Kontrollen in Risikobranchen durch, {pct}% davon unangekündigt.",
        "Subunternehmerketten mit vier oder fünf Ebenen lassen den Generalunternehmer im Unklaren darüber, wer die "
        "Arbeit tatsächlich ausführt.",
        "Gespräche mit Arbeitnehmern sollten ohne den Arbeitgeber und mit einer Dolmetscherin geführt werden, die "
        "keine Verbindung zu ihm hat.",
    ],
    "justice": [
        "Eine gemeinsame Ermittlungsgruppe wird durch Vereinbarung der zuständigen Behörden zweier oder mehrerer "
        "Staaten für einen bestimmten Zweck und einen begrenzten Zeitraum gebildet.",
        "Die Europäische Ermittlungsanordnung ermöglicht es einer Justizbehörde, auf der Grundlage der gegenseitigen "
        "Anerkennung Beweise in einem anderen Mitgliedstaat zu erheben.",
        "Als unvollständig zurückgesandte Rechtshilfeersuchen sind nach Angaben der Staatsanwaltschaften die "
        "Hauptursache für Verzögerungen.",
        "Parallel zum Strafverfahren sollten Finanzermittlungen eingeleitet werden, sobald der Verdacht auf "
        "Arbeitsausbeutung besteht.",
        "Menschenhandel wird durch drei Elemente bestimmt: die Handlung, das Mittel und den Zweck der Ausbeutung.",
        "Die Einwilligung des Opfers in die beabsichtigte Ausbeutung ist unerheblich, wenn eines der genannten "
        "Mittel angewendet wurde.",
        "In den untersuchten Verfahren wurden {n} Verdächtige ermittelt, doch nur ein Drittel wurde in dem Land "
        "angeklagt, in dem die Ausbeutung stattfand.",
        "Das Gericht stellte fest, dass der Arbeitgeber die Schulden und die Zwangslage der Arbeitnehmer bewusst "
        "ausgenutzt hatte.",
    ],
    "victims": [
        "Der nationale Verweismechanismus legt fest, wer mutmaßliche Opfer identifiziert, wer sie unterstützt und "
        "wie sie weitervermittelt werden.",
        "Die Identifizierung darf nicht davon abhängen, ob das Opfer bereit ist, mit den Ermittlungsbehörden "
        "zusammenzuarbeiten.",
        "Der Grundsatz der Straffreiheit schützt Opfer vor Strafverfolgung wegen Taten, zu denen sie gezwungen wurden.",
        "Die Unterstützung umfasst eine sichere Unterkunft, medizinische und psychologische Betreuung, Rechtsberatung "
        "und Dolmetschleistungen.",
        "Die Entschädigung von Opfern der Arbeitsausbeutung sollte auch die vorenthaltenen Löhne umfassen.",
        "Im Jahr {year} wurden {n} mutmaßliche Opfer von Menschenhandel zum Zweck der Arbeitsausbeutung an "
        "Beratungsstellen vermittelt.",
        "Opfer, die in ihr Herkunftsland zurückkehren, brauchen weitere Unterstützung, damit sie nicht erneut "
        "angeworben werden.",
    ],
    "general": [
        "Die Studie stützt sich auf {n} Interviews mit Fachleuten aus der Praxis und auf die Auswertung von "
        "Gerichtsakten seit {year}.",
        "Daten über Menschenhandel zur Arbeitsausbeutung sind auf Arbeitsinspektion, Polizei, Staatsanwaltschaft und "
        "Nichtregierungsorganisationen verteilt.",
        "Amtliche Zahlen erfassen die Fälle, die den Behörden bekannt wurden, nicht das tatsächliche Ausmaß.",
        "Jede Behörde sollte eine Ansprechperson für Fälle von Arbeitsausbeutung benennen.",
        "Die Zusammenarbeit von Arbeitsinspektion und Polizei sollte in einer schriftlichen Vereinbarung geregelt "
        "werden.",
        "Schulungen sollten Arbeitsinspektion, Polizei, Staatsanwaltschaft und Nichtregierungsorganisationen in einem "
        "Raum zusammenbringen.",
        "Arbeitgeber und Gewerkschaften sollten in die Prävention einbezogen werden.",
    ],
    "training": [
        "Dieses Modul richtet sich an gemischte Gruppen aus Arbeitsinspektion, Polizei, Staatsanwaltschaft und "
        "Zivilgesellschaft.",
        "Die Teilnehmenden arbeiten in Kleingruppen an einem Fall, der einen Arbeiter von der Anwerbung bis zur "
        "Ausbeutung begleitet.",
        "Ein Eingangs- und ein Abschlusstest mit je zehn Fragen messen den Lernerfolg.",
    ],
}
DE_HEADINGS = [
    "Einleitung",
    "Hintergrund",
    "Methode",
    "Ergebnisse",
    "Die Praxis in den Ländern der Route",
    "Zusammenarbeit der Behörden",
    "Lehren aus den Fällen",
    "Empfehlungen",
    "Schlussfolgerungen",
]

NL: Sentences = {
    "labour": [
        "De indicatoren van dwangarbeid zijn op zichzelf geen bewijs, maar meerdere indicatoren samen moeten de "
        "inspecteur aanzetten tot verder onderzoek.",
        "Werknemers van wie de identiteitsbewijzen worden ingehouden en die op de werkplek wonen, vertonen tegelijk "
        "meerdere indicatoren.",
        "Wervingskosten die werknemers moeten betalen, zijn de eerste schakel in schuldslavernij.",
        "Inhouding van loon werd in bijna alle onderzochte zaken vastgesteld: lonen werden te laat, gedeeltelijk of "
        "helemaal niet betaald.",
        "Arbeidsinspecteurs zijn vaak de eerste overheidsfunctionarissen die uitgebuite werknemers tegenkomen.",
        "In {year} voerde de inspectie {n} controles uit in risicosectoren, waarvan {pct}% onaangekondigd.",
        "Ketens van onderaanneming met vier of vijf lagen laten de hoofdaannemer in het ongewisse over wie het werk "
        "werkelijk uitvoert.",
        "Uitzendbureaus die arbeidsmigranten ook huisvesting en vervoer leveren, maken werknemers dubbel afhankelijk.",
    ],
    "justice": [
        "Een gemeenschappelijk onderzoeksteam wordt bij overeenkomst opgericht door de bevoegde autoriteiten van "
        "twee of meer staten, voor een bepaald doel en een beperkte periode.",
        "Het Europees onderzoeksbevel stelt een justitiële autoriteit in staat bewijs te verkrijgen in een andere "
        "lidstaat op basis van wederzijdse erkenning.",
        "Rechtshulpverzoeken die als onvolledig worden teruggestuurd, zijn volgens officieren van justitie de "
        "belangrijkste oorzaak van vertraging.",
        "Een parallel financieel onderzoek moet worden gestart zodra er een vermoeden van arbeidsuitbuiting bestaat.",
        "Mensenhandel wordt bepaald door drie elementen: de handeling, het middel en het doel van uitbuiting.",
        "De instemming van het slachtoffer met de beoogde uitbuiting is niet relevant wanneer een van de middelen is "
        "gebruikt.",
        "In de onderzochte zaken werden {n} verdachten geïdentificeerd, maar slechts een derde werd vervolgd in het "
        "land waar de uitbuiting plaatsvond.",
        "De rechtbank oordeelde dat de werkgever bewust misbruik had gemaakt van de schulden en de kwetsbare positie "
        "van de werknemers.",
    ],
    "victims": [
        "Het nationaal verwijzingsmechanisme bepaalt wie vermoedelijke slachtoffers identificeert, wie hen bijstaat "
        "en hoe zij worden doorverwezen.",
        "Identificatie mag niet afhangen van de bereidheid van het slachtoffer om mee te werken aan het "
        "strafrechtelijk onderzoek.",
        "Het non-punishmentbeginsel beschermt slachtoffers tegen vervolging voor strafbare feiten die zij gedwongen "
        "waren te plegen.",
        "De hulp omvat veilige opvang, medische en psychologische zorg, juridisch advies en tolken.",
        "Schadevergoeding voor slachtoffers van arbeidsuitbuiting moet ook het niet-betaalde loon omvatten.",
        "In {year} werden {n} vermoedelijke slachtoffers van arbeidsuitbuiting doorverwezen naar hulpverlening.",
        "Slachtoffers die terugkeren naar hun land van herkomst hebben voortdurende steun nodig om niet opnieuw te "
        "worden geworven.",
    ],
    "general": [
        "Het onderzoek is gebaseerd op {n} interviews met professionals en op de analyse van strafdossiers vanaf "
        "{year}.",
        "Gegevens over arbeidsuitbuiting zijn verspreid over arbeidsinspectie, politie, openbaar ministerie en "
        "maatschappelijke organisaties.",
        "Officiële cijfers tonen de zaken die bij de autoriteiten bekend zijn, niet de werkelijke omvang van het "
        "probleem.",
        "Aanbevolen wordt dat elke instantie een contactpersoon voor zaken van arbeidsuitbuiting aanwijst.",
        "De samenwerking tussen arbeidsinspectie en politie moet in een schriftelijk convenant worden vastgelegd.",
        "Trainingen moeten inspecteurs, politie, officieren van justitie en maatschappelijke organisaties in één "
        "ruimte samenbrengen.",
        "Werkgevers en vakbonden moeten bij de preventie worden betrokken.",
    ],
    "training": [
        "Deze module is bedoeld voor gemengde groepen van arbeidsinspecteurs, politieagenten, officieren van "
        "justitie en hulpverleners.",
        "Deelnemers werken in kleine groepen aan een casus die een werknemer volgt van werving tot uitbuiting.",
        "Een voortoets en een natoets van tien vragen meten wat de deelnemers hebben geleerd.",
    ],
}
NL_HEADINGS = [
    "Inleiding",
    "Achtergrond",
    "Methode",
    "Bevindingen",
    "De praktijk in de landen van de route",
    "Samenwerking tussen instanties",
    "Lessen uit de zaken",
    "Aanbevelingen",
    "Conclusie",
]

HR: Sentences = {
    "labour": [
        "Pokazatelji prisilnog rada sami po sebi nisu dokaz, ali više pokazatelja zajedno trebalo bi potaknuti "
        "inspektora na daljnje ispitivanje.",
        "Radnici kojima su oduzete osobne isprave i koji žive na mjestu rada pokazuju istodobno nekoliko pokazatelja.",
        "Naknade za zapošljavanje koje plaćaju radnici prva su karika u lancu dužničkog ropstva.",
        "Zadržavanje plaća utvrđeno je u gotovo svim ispitanim slučajevima: plaće su isplaćivane sa zakašnjenjem, "
        "djelomično ili nikako.",
        "Inspektori rada često su prvi državni službenici koji susreću iskorištavane radnike.",
        "Broj nadzora koje je inspektorat proveo u rizičnim djelatnostima tijekom {year}. iznosio je {n}; udio "
        "nenajavljenih nadzora bio je {pct}%.",
        "Lanci podugovaranja s četiri ili pet razina ostavljaju glavnog izvođača bez saznanja o tome tko zapravo "
        "obavlja posao.",
        "Razgovori s radnicima trebaju se voditi bez nazočnosti poslodavca i uz tumača koji s njim nije povezan.",
    ],
    "justice": [
        "Zajednički istražni tim osniva se sporazumom nadležnih tijela dviju ili više država, za određenu svrhu i na "
        "ograničeno razdoblje.",
        "Europski istražni nalog omogućuje pravosudnom tijelu prikupljanje dokaza u drugoj državi članici na temelju "
        "uzajamnog priznavanja.",
        "Zahtjevi za međunarodnu pravnu pomoć vraćeni kao nepotpuni glavni su uzrok kašnjenja prema navodima "
        "državnih odvjetnika.",
        "Usporednu financijsku istragu treba pokrenuti čim postoji sumnja na radno iskorištavanje.",
        "Trgovanje ljudima određeno je trima elementima: radnjom, sredstvom i svrhom iskorištavanja.",
        "Pristanak žrtve na namjeravano iskorištavanje nema pravnog značenja ako je upotrijebljeno bilo koje od "
        "sredstava.",
        "Broj osumnjičenika utvrđenih u analiziranim predmetima iznosio je {n}, ali je samo trećina kazneno "
        "progonjena u državi u kojoj se iskorištavanje dogodilo.",
        "Sud je utvrdio da je poslodavac svjesno iskoristio dugove i ranjiv položaj radnika.",
    ],
    "victims": [
        "Nacionalni referalni mehanizam određuje tko identificira pretpostavljene žrtve, tko im pruža pomoć i kako "
        "ih se upućuje.",
        "Identifikacija ne smije ovisiti o spremnosti žrtve na suradnju s istražnim tijelima.",
        "Načelo nekažnjavanja štiti žrtve od kaznenog progona za djela koja su bile prisiljene počiniti.",
        "Pomoć obuhvaća siguran smještaj, zdravstvenu i psihološku skrb, pravno savjetovanje i prevođenje.",
        "Naknada štete žrtvama radnog iskorištavanja treba obuhvatiti i neisplaćene plaće.",
        "Broj pretpostavljenih žrtava trgovanja ljudima radi radnog iskorištavanja upućenih na pomoć tijekom "
        "{year}. iznosio je {n}.",
        "Žrtve koje se vraćaju u zemlju podrijetla trebaju trajnu potporu kako ne bi ponovno bile vrbovane.",
    ],
    "general": [
        "Studija se temelji na razgovorima s praktičarima (ukupno {n}) i na analizi sudskih spisa od {year}. nadalje.",
        "Podaci o trgovanju ljudima radi radnog iskorištavanja raspršeni su između inspektorata, policije, državnog "
        "odvjetništva i udruga.",
        "Službeni podaci obuhvaćaju slučajeve koji su došli do nadležnih tijela, a ne stvarni opseg pojave.",
        "Preporučuje se da svaka institucija odredi kontaktnu osobu za slučajeve radnog iskorištavanja.",
        "Suradnju inspektorata rada i policije treba urediti pisanim protokolom.",
        "Izobrazba treba okupiti inspektore, policiju, državne odvjetnike i udruge u istoj prostoriji.",
        "U prevenciju treba uključiti poslodavce i sindikate.",
    ],
    "training": [
        "Ovaj je modul namijenjen mješovitim skupinama inspektora rada, policijskih službenika, državnih odvjetnika "
        "i predstavnika civilnog društva.",
        "Sudionici rade u malim skupinama na slučaju koji prati radnika od vrbovanja do iskorištavanja.",
        "Ulazni i izlazni test od deset pitanja mjere što su sudionici naučili.",
    ],
}
HR_HEADINGS = [
    "Uvod",
    "Kontekst",
    "Metodologija",
    "Nalazi",
    "Praksa u zemljama rute",
    "Suradnja među institucijama",
    "Pouke iz predmeta",
    "Preporuke",
    "Zaključak",
]

BS: Sentences = {
    "labour": [
        "Indikatori prisilnog rada sami po sebi nisu dokaz, ali više indikatora zajedno treba potaknuti inspektora "
        "da dublje ispita slučaj.",
        "Radnici kojima su oduzeti lični dokumenti i koji žive na mjestu rada pokazuju istovremeno nekoliko "
        "indikatora.",
        "Naknade za zapošljavanje koje plaćaju radnici prva su karika u lancu dužničkog ropstva.",
        "Zadržavanje plata utvrđeno je u gotovo svim ispitanim slučajevima: plate su isplaćivane sa zakašnjenjem, "
        "djelimično ili nikako.",
        "Inspektori rada često su prvi državni službenici koji se susreću s eksploatisanim radnicima.",
        "Broj inspekcijskih nadzora u rizičnim sektorima tokom {year}. godine iznosio je {n}; udio nenajavljenih "
        "nadzora bio je {pct}%.",
        "Lanci podugovaranja s četiri ili pet nivoa ostavljaju glavnog izvođača bez saznanja o tome ko zaista "
        "obavlja posao.",
        "Razgovori s radnicima trebaju se voditi bez prisustva poslodavca i uz tumača koji nije povezan s njim.",
    ],
    "justice": [
        "Zajednički istražni tim osniva se sporazumom nadležnih organa dvije ili više država, za određenu svrhu i na "
        "ograničen period.",
        "Zamolnice za međunarodnu pravnu pomoć vraćene kao nepotpune glavni su uzrok kašnjenja koji navode tužioci.",
        "Paralelnu finansijsku istragu treba pokrenuti čim se posumnja na radnu eksploataciju.",
        "Trgovina ljudima određena je s tri elementa: radnjom, sredstvom i svrhom eksploatacije.",
        "Pristanak žrtve na namjeravanu eksploataciju nema pravni značaj ako je upotrijebljeno bilo koje od sredstava.",
        "Oficiri za vezu i sigurni kanali za razmjenu informacija skraćuju vrijeme potrebno za identifikaciju "
        "osumnjičenih u inostranstvu.",
        "Broj osumnjičenih identifikovanih u analiziranim predmetima iznosio je {n}, ali je samo trećina krivično "
        "gonjena u državi u kojoj se eksploatacija dogodila.",
        "Sud je utvrdio da je poslodavac svjesno iskoristio dugove i nesiguran boravišni status radnika.",
    ],
    "victims": [
        "Referalni mehanizam određuje ko identifikuje potencijalne žrtve, ko im pruža pomoć i kako se upućuju "
        "nadležnim službama.",
        "Identifikacija ne smije zavisiti od spremnosti žrtve da sarađuje s organima krivičnog gonjenja.",
        "Princip nekažnjavanja štiti žrtve od krivičnog gonjenja za djela koja su bile prisiljene počiniti.",
        "Pomoć obuhvata siguran smještaj, zdravstvenu i psihološku podršku, pravno savjetovanje i prevođenje.",
        "Naknada štete žrtvama radne eksploatacije treba obuhvatiti i neisplaćene plate.",
        "Broj potencijalnih žrtava trgovine ljudima radi radne eksploatacije upućenih na pomoć tokom {year}. godine "
        "iznosio je {n}.",
        "Žrtve koje se vraćaju u zemlju porijekla trebaju kontinuiranu podršku kako ne bi ponovo bile vrbovane.",
    ],
    "general": [
        "Studija se zasniva na intervjuima s praktičarima (ukupno {n}) i na analizi sudskih spisa od {year}. godine.",
        "Podaci o trgovini ljudima radi radne eksploatacije raspršeni su između inspekcija, policije, tužilaštava i "
        "nevladinih organizacija.",
        "Zvanični podaci obuhvataju slučajeve koji su stigli do nadležnih organa, a ne stvarni obim pojave.",
        "Preporučuje se da svaka institucija odredi kontakt osobu za slučajeve radne eksploatacije.",
        "Saradnju inspekcije rada i policije treba urediti pisanim protokolom.",
        "Obuke trebaju okupiti inspektore, policiju, tužioce i nevladine organizacije na istom mjestu.",
        "U prevenciju treba uključiti poslodavce i sindikate.",
    ],
    "training": [
        "Ovaj modul namijenjen je mješovitim grupama inspektora rada, policijskih službenika, tužilaca i "
        "predstavnika civilnog društva.",
        "Učesnici rade u malim grupama na slučaju koji prati radnika od vrbovanja do eksploatacije.",
        "Ulazni i izlazni test od deset pitanja mjere šta su učesnici naučili.",
    ],
}
BS_HEADINGS = [
    "Uvod",
    "Kontekst",
    "Metodologija",
    "Nalazi",
    "Praksa u zemljama rute",
    "Saradnja između institucija",
    "Pouke iz predmeta",
    "Preporuke",
    "Zaključak",
]

MK: Sentences = {
    "labour": [
        "Индикаторите за принудна работа сами по себе не се доказ, но повеќе индикатори заедно треба да го "
        "поттикнат инспекторот да го испита случајот подлабоко.",
        "Работниците на кои им се одземени личните документи и кои живеат на работното место покажуваат "
        "истовремено неколку индикатори.",
        "Надоместоците за вработување што ги плаќаат работниците се првата алка во синџирот на должничко ропство.",
        "Задржувањето на платите е утврдено во речиси сите разгледани случаи: платите се исплаќани со задоцнување, "
        "делумно или воопшто не се исплаќани.",
        "Инспекторите за труд често се првите државни службеници што се среќаваат со експлоатирани работници.",
        "Бројот на инспекциски надзори во ризичните сектори во {year} година изнесуваше {n}, од кои {pct}% без "
        "претходна најава.",
        "Синџирите на подизведувачи со четири или пет нивоа го оставаат главниот изведувач без сознание кој "
        "всушност ја врши работата.",
        "Разговорите со работниците треба да се водат без присуство на работодавачот и со преведувач кој не е "
        "поврзан со него.",
    ],
    "justice": [
        "Заедничкиот истражен тим се формира со договор меѓу надлежните органи на две или повеќе држави, за "
        "определена цел и за ограничен период.",
        "Барањата за меѓународна правна помош вратени како нецелосни се главната причина за доцнење според "
        "обвинителите.",
        "Паралелна финансиска истрага треба да започне веднаш штом се посомнева на трудова експлоатација.",
        "Трговијата со луѓе се определува со три елементи: дејство, средство и цел на експлоатација.",
        "Согласноста на жртвата за намераваната експлоатација е ирелевантна ако е употребено кое било од средствата.",
        "Офицерите за врска и безбедните канали за размена на информации го скратуваат времето за идентификација на "
        "осомничените во странство.",
        "Бројот на осомничени идентификувани во анализираните предмети изнесуваше {n}, но само една третина беа "
        "гонети во државата каде што се случила експлоатацијата.",
        "Судот утврди дека работодавачот свесно ги искористил долговите и ранливата положба на работниците.",
    ],
    "victims": [
        "Националниот механизам за упатување определува кој ги идентификува потенцијалните жртви, кој им помага и "
        "како се упатуваат.",
        "Идентификацијата не смее да зависи од подготвеноста на жртвата да соработува со истрагата.",
        "Принципот на неказнување ги штити жртвите од кривично гонење за дела што биле принудени да ги сторат.",
        "Помошта опфаќа безбедно сместување, медицинска и психолошка грижа, правно советување и преведување.",
        "Надоместокот на штета за жртвите на трудова експлоатација треба да ги опфати и неисплатените плати.",
        "Бројот на потенцијални жртви на трговија со луѓе за трудова експлоатација упатени на помош во {year} година "
        "изнесуваше {n}.",
        "Жртвите што се враќаат во земјата на потекло имаат потреба од постојана поддршка за да не бидат повторно "
        "регрутирани.",
    ],
    "general": [
        "Студијата се темели на интервјуа со практичари (вкупно {n}) и на анализа на судски предмети од {year} "
        "година наваму.",
        "Податоците за трговијата со луѓе за трудова експлоатација се распрснати меѓу инспекцијата, полицијата, "
        "обвинителството и невладините организации.",
        "Официјалните податоци ги опфаќаат случаите што стигнале до институциите, а не вистинскиот обем на појавата.",
        "Се препорачува секоја институција да определи лице за контакт за случаите на трудова експлоатација.",
        "Соработката меѓу инспекцијата за труд и полицијата треба да се уреди со писмен протокол.",
        "Обуките треба да ги соберат на едно место инспекторите, полицијата, обвинителите и невладините организации.",
        "Работодавачите и синдикатите треба да се вклучат во превенцијата.",
    ],
    "training": [
        "Овој модул е наменет за мешани групи на инспектори за труд, полицајци, обвинители и претставници на "
        "граѓанското општество.",
        "Учесниците работат во мали групи на случај што го следи работникот од регрутирањето до експлоатацијата.",
        "Влезен и излезен тест од по десет прашања го мерат наученото кај учесниците.",
    ],
}
MK_HEADINGS = [
    "Вовед",
    "Контекст",
    "Методологија",
    "Наоди",
    "Практиката во земјите на рутата",
    "Соработка меѓу институциите",
    "Поуки од предметите",
    "Препораки",
    "Заклучок",
]

HU: Sentences = {
    "labour": [
        "A kényszermunka mutatói önmagukban nem bizonyítékok, de ha több mutató együtt jelentkezik, a felügyelőnek "
        "alaposabban meg kell vizsgálnia az esetet.",
        "Azok a munkavállalók, akiknek személyi okmányait visszatartják, és akik a munkahelyükön laknak, egyszerre "
        "több mutatót is mutatnak.",
        "A munkavállalóktól beszedett toborzási díjak jelentik az adósrabszolgaság első láncszemét.",
        "A bérek visszatartását szinte minden vizsgált esetben megállapították: a béreket késve, részben vagy "
        "egyáltalán nem fizették ki.",
        "A munkaügyi felügyelők gyakran az első hivatalos személyek, akik kizsákmányolt munkavállalókkal találkoznak.",
        "A {year}. évben a felügyelet {n} ellenőrzést végzett a kockázatos ágazatokban, ezek {pct}%-a előzetes "
        "bejelentés nélkül történt.",
        "A négy-öt szintű alvállalkozói láncok miatt a fővállalkozó nem tudja, ki végzi valójában a munkát.",
        "A munkavállalókkal a munkáltató távollétében és olyan tolmács segítségével kell beszélni, aki nem áll "
        "kapcsolatban a munkáltatóval.",
    ],
    "justice": [
        "A közös nyomozócsoportot két vagy több állam illetékes hatóságai hozzák létre megállapodással, "
        "meghatározott célra és korlátozott időtartamra.",
        "Az európai nyomozási határozat lehetővé teszi, hogy az igazságügyi hatóság a kölcsönös elismerés alapján "
        "bizonyítékot szerezzen be egy másik tagállamban.",
        "Az ügyészek szerint a késedelmek fő oka a hiányosnak minősített és visszaküldött jogsegélykérelmek.",
        "A munkaerő-kizsákmányolás gyanúja esetén haladéktalanul párhuzamos pénzügyi nyomozást kell indítani.",
        "Az emberkereskedelmet három elem határozza meg: a cselekmény, az eszköz és a kizsákmányolás célja.",
        "Az áldozat beleegyezése a kizsákmányolásba közömbös, ha az elkövetők a felsorolt eszközök bármelyikét "
        "alkalmazták.",
        "Az elemzett ügyekben {n} gyanúsítottat azonosítottak, de közülük csak egyharmaduk ellen emeltek vádat abban "
        "az országban, ahol a kizsákmányolás történt.",
        "A bíróság megállapította, hogy a munkáltató tudatosan kihasználta a munkavállalók adósságát és "
        "kiszolgáltatott helyzetét.",
    ],
    "victims": [
        "A nemzeti továbbirányítási mechanizmus meghatározza, ki azonosítja a feltételezett áldozatokat, ki nyújt "
        "nekik segítséget, és hogyan irányítják őket tovább.",
        "Az azonosítás nem függhet attól, hogy az áldozat hajlandó-e együttműködni a nyomozó hatóságokkal.",
        "A büntetlenség elve megvédi az áldozatokat attól, hogy olyan bűncselekmények miatt vonják őket "
        "felelősségre, amelyek elkövetésére kényszerítették őket.",
        "A segítségnyújtás magában foglalja a biztonságos szállást, az orvosi és pszichológiai ellátást, a jogi "
        "tanácsadást és a tolmácsolást.",
        "A munkaerő-kizsákmányolás áldozatainak járó kártérítésnek a ki nem fizetett bérekre is ki kell terjednie.",
        "A {year}. évben {n} feltételezett áldozatot irányítottak segítő szolgálatokhoz.",
        "A származási országukba visszatérő áldozatoknak folyamatos támogatásra van szükségük, hogy ne toborozzák "
        "őket újra.",
    ],
    "general": [
        "A tanulmány {n} szakemberrel készített interjún és a {year} óta keletkezett bírósági iratok elemzésén alapul.",
        "A munkaerő-kizsákmányolási célú emberkereskedelemre vonatkozó adatok szétszórtan találhatók a munkaügyi "
        "felügyeletnél, a rendőrségnél, az ügyészségnél és a civil szervezeteknél.",
        "A hivatalos adatok a hatóságok tudomására jutott eseteket mutatják, nem a jelenség valódi kiterjedését.",
        "Javasolt, hogy minden intézmény jelöljön ki kapcsolattartót a munkaerő-kizsákmányolási ügyekre.",
        "A munkaügyi felügyelet és a rendőrség együttműködését írásos megállapodásban kell rögzíteni.",
        "A képzéseknek egy terembe kell hozniuk a felügyelőket, a rendőröket, az ügyészeket és a civil szervezeteket.",
        "A megelőzésbe a munkáltatókat és a szakszervezeteket is be kell vonni.",
    ],
    "training": [
        "Ez a modul munkaügyi felügyelőkből, rendőrökből, ügyészekből és civil szakemberekből álló vegyes "
        "csoportoknak szól.",
        "A résztvevők kis csoportokban dolgoznak egy olyan eseten, amely egy munkavállalót követ a toborzástól a "
        "kizsákmányolásig.",
        "Egy tíz kérdésből álló bemeneti és kimeneti teszt méri, mit tanultak a résztvevők.",
    ],
}
HU_HEADINGS = [
    "Bevezetés",
    "Háttér",
    "Módszertan",
    "Megállapítások",
    "A gyakorlat az útvonal országaiban",
    "Együttműködés az intézmények között",
    "Az ügyek tanulságai",
    "Ajánlások",
    "Összegzés",
]

CS: Sentences = {
    "labour": [
        "Indikátory nucené práce samy o sobě nejsou důkazem, ale více indikátorů současně by mělo inspektora vést k "
        "dalšímu šetření.",
        "Pracovníci, jimž byly odebrány doklady totožnosti a kteří bydlí na pracovišti, vykazují současně několik "
        "indikátorů.",
        "Poplatky za zprostředkování práce placené pracovníky jsou prvním článkem dluhového otroctví.",
        "Zadržování mezd bylo zjištěno téměř ve všech zkoumaných případech: mzdy byly vypláceny pozdě, částečně nebo "
        "vůbec.",
        "Inspektoři práce jsou často prvními úředníky, kteří se setkají s vykořisťovanými pracovníky.",
        "Počet kontrol provedených inspekcí v rizikových odvětvích v roce {year} činil {n}, z toho {pct} % bylo "
        "neohlášených.",
        "Řetězce subdodavatelů o čtyřech či pěti úrovních způsobují, že hlavní dodavatel neví, kdo práci skutečně "
        "vykonává.",
        "Agentury práce, které pracovníkům zajišťují i ubytování a dopravu, vytvářejí dvojí závislost.",
    ],
    "justice": [
        "Společný vyšetřovací tým se zřizuje dohodou příslušných orgánů dvou nebo více států pro určitý účel a na "
        "omezenou dobu.",
        "Evropský vyšetřovací příkaz umožňuje justičnímu orgánu získat důkazy v jiném členském státě na základě "
        "vzájemného uznávání.",
        "Žádosti o právní pomoc vrácené jako neúplné jsou podle státních zástupců hlavní příčinou průtahů.",
        "Souběžné finanční šetření je třeba zahájit, jakmile vznikne podezření z pracovního vykořisťování.",
        "Obchodování s lidmi je vymezeno třemi prvky: jednáním, prostředkem a účelem vykořisťování.",
        "Souhlas oběti se zamýšleným vykořisťováním je bez významu, pokud byl použit kterýkoli z uvedených prostředků.",
        "Počet podezřelých zjištěných v analyzovaných věcech činil {n}, avšak jen třetina z nich byla stíhána ve "
        "státě, kde k vykořisťování došlo.",
        "Soud dospěl k závěru, že zaměstnavatel vědomě zneužil dluhů a tísně pracovníků.",
    ],
    "victims": [
        "Národní referenční mechanismus určuje, kdo identifikuje předpokládané oběti, kdo jim poskytuje pomoc a jak "
        "jsou předávány dál.",
        "Identifikace nesmí záviset na ochotě oběti spolupracovat s orgány činnými v trestním řízení.",
        "Zásada nepotrestání chrání oběti před trestním stíháním za činy, k nimž byly donuceny.",
        "Pomoc zahrnuje bezpečné ubytování, lékařskou a psychologickou péči, právní poradenství a tlumočení.",
        "Odškodnění obětí pracovního vykořisťování by mělo zahrnovat i nevyplacené mzdy.",
        "Počet předpokládaných obětí obchodování s lidmi za účelem pracovního vykořisťování předaných do péče služeb "
        "v roce {year} činil {n}.",
        "Oběti, které se vracejí do země původu, potřebují trvalou podporu, aby nebyly znovu naverbovány.",
    ],
    "general": [
        "Studie vychází z rozhovorů s odborníky z praxe (celkem {n}) a z analýzy soudních spisů od roku {year}.",
        "Údaje o obchodování s lidmi za účelem pracovního vykořisťování jsou roztroušeny mezi inspekci práce, "
        "policii, státní zastupitelství a nevládní organizace.",
        "Oficiální údaje zachycují případy, které se dostaly k úřadům, nikoli skutečný rozsah jevu.",
        "Doporučuje se, aby každá instituce určila kontaktní osobu pro případy pracovního vykořisťování.",
        "Spolupráci inspekce práce a policie je vhodné upravit písemnou dohodou.",
        "Školení by měla spojit inspektory, policisty, státní zástupce a neziskové organizace v jedné místnosti.",
        "Do prevence je třeba zapojit zaměstnavatele i odbory.",
    ],
    "training": [
        "Tento modul je určen smíšeným skupinám inspektorů práce, policistů, státních zástupců a pracovníků "
        "neziskových organizací.",
        "Účastníci pracují v malých skupinách na případu, který sleduje pracovníka od náboru až po vykořisťování.",
        "Vstupní a výstupní test o deseti otázkách měří, co se účastníci naučili.",
    ],
}
CS_HEADINGS = [
    "Úvod",
    "Souvislosti",
    "Metodika",
    "Zjištění",
    "Praxe v zemích trasy",
    "Spolupráce mezi institucemi",
    "Poučení z případů",
    "Doporučení",
    "Závěr",
]

ROUTE_BANKS: dict[str, tuple[Sentences, list[str]]] = {
    "sr": (SR, SR_HEADINGS),
    "sq": (SQ, SQ_HEADINGS),
    "ro": (RO, RO_HEADINGS),
    "bg": (BG, BG_HEADINGS),
    "it": (IT, IT_HEADINGS),
    "de": (DE, DE_HEADINGS),
    "nl": (NL, NL_HEADINGS),
    "hr": (HR, HR_HEADINGS),
    "bs": (BS, BS_HEADINGS),
    "mk": (MK, MK_HEADINGS),
    "hu": (HU, HU_HEADINGS),
    "cs": (CS, CS_HEADINGS),
}
