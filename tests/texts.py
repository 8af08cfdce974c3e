"""Short news texts written for parley's tests: our own words about public events of
Russia–Ukraine diplomacy, shared by several test modules."""

ISTANBUL_2022 = (
    "Russian and Ukrainian delegations met at the Dolmabahçe Palace in Istanbul on 29 March "
    "2022 for their first face-to-face talks in weeks. President Recep Tayyip Erdoğan greeted "
    "both teams and urged them to end the bloodshed. Ukraine tabled a proposal for neutral "
    "status backed by security guarantees from several states. Vladimir Medinsky, who led the "
    "Russian side, said Moscow would sharply cut military activity near Kyiv and Chernihiv."
)

GRAIN_2022 = (
    "Ukraine and Russia signed separate agreements with Turkey and the United Nations in "
    "Istanbul on 22 July 2022 to reopen three Black Sea ports for grain exports. A joint "
    "coordination centre in Istanbul was set up to inspect ships sailing to and from Odesa, "
    "Chornomorsk and Pivdennyi. Secretary-General António Guterres called the arrangement a "
    "beacon of hope for countries facing hunger. Kyiv refused to put its name to any document "
    "that Moscow also signed, so each side signed its own text with the mediators."
)

TRUMP_PUTIN_2025 = (
    "Donald Trump and Vladimir Putin spoke by telephone for about two hours on 18 March 2025. "
    "According to the White House, the two leaders agreed that a path to peace would begin "
    "with a halt to strikes on energy infrastructure. The Kremlin said Putin had ordered the "
    "army to stop such attacks for thirty days but did not accept the full truce Washington "
    "and Kyiv had proposed. Both sides announced an exchange of 175 prisoners the next day."
)

BURGENSTOCK_2024 = (
    "More than ninety countries and organisations met at the Bürgenstock resort in Switzerland "
    "on 15 and 16 June 2024 for a summit on peace in Ukraine. Russia was not invited and China "
    "stayed away. The closing communiqué dealt with nuclear safety, food security and the "
    "return of prisoners and deported children. India, Saudi Arabia and South Africa were among "
    "the participants that did not sign it."
)

SWAP_2022_UK = (
    "21 вересня 2022 року Україна повернула додому 215 людей у найбільшому обміні полоненими "
    "від початку вторгнення. Серед звільнених були командири оборони заводу Азовсталь у "
    "Маріуполі. Посередниками виступили Туреччина та Саудівська Аравія. Росія отримала 55 "
    "полонених і політика Віктора Медведчука."
)

ISTANBUL_2025 = (
    "Delegations from Russia and Ukraine held their first direct talks in more than three "
    "years at the Dolmabahçe Palace in Istanbul on 16 May 2025. Turkish Foreign Minister "
    "Hakan Fidan opened the meeting and asked both teams to seize a window of opportunity "
    "for peace. The session lasted less than two hours and ended without any agreement on a "
    "ceasefire. The two sides did agree to exchange one thousand prisoners of war each, the "
    "largest swap of the war so far. Ukrainian Defence Minister Rustem Umerov led the team "
    "from Kyiv, while presidential aide Vladimir Medinsky headed the Russian delegation. "
    "Both delegations said they would set out their visions of a possible future ceasefire "
    "in writing before meeting again."
)

ISTANBUL_2025_OTHER = (
    "Envoys sent by Kyiv and Moscow sat across a table from each other on Friday for the "
    "first time since the spring of 2022. Their encounter in an Ottoman-era palace on the "
    "Bosphorus, chaired by Turkey's top diplomat, broke up after roughly ninety minutes. "
    "No truce came out of it, but negotiators settled on a swap of a thousand captives per "
    "side, which officials on both sides called a humanitarian step. Ukrainian sources said "
    "Moscow's team demanded further withdrawals that Kyiv described as unacceptable and "
    "designed to make the meeting fail."
)
