/**
 * The generator's profile: distributions of the retailer's Amazon.in export (Kaggle "E-Commerce Sales Data",
 * 2022-03-31..2022-06-29), computed once from the real files with DuckDB and rounded. No row of the real files is
 * stored here: only shares, quantiles and the vocabulary (category, status, state, city names) a generator needs.
 * Shares need not sum to 1; every table is normalised where it is used.
 *
 * How the numbers were derived (real file → figure):
 *  - category/size/status/fulfilment/B2B/qty/lines-per-order: GROUP BY counts ÷ 128,975 rows (or per fulfilment).
 *  - unit prices: p10/p50/p90 of Amount where Qty = 1 and Amount > 0, per category.
 *  - seasonality: mean order lines per day for 7-day blocks from 2022-04-01, and the day-of-week ratio to a
 *    centred 7-day moving average.
 *  - states: rows per state after mapping spellings to one name; spellings' share within the state; the top
 *    cities (upper-cased) with their share within the state and the most common 3-digit PIN prefix.
 */

export type Weighted<T> = readonly [T, number];

export interface CategoryProfile {
  /** As written in the Amazon file (the real file has lower-case 'kurta'). */
  name: string;
  /** Share of order lines. */
  share: number;
  /** Distinct styles sold (sets the catalog size). */
  styles: number;
  /** Unit price quantiles in INR. */
  priceP10: number;
  priceP50: number;
  priceP90: number;
  /** Style-code prefixes with their share of the category's styles, and the SKU infix used after the style. */
  codes: readonly { prefix: string; digits: number; share: number; infix: string }[];
  /** Only these sizes (e.g. sarees are Free size); default: the global size mix. */
  sizes?: readonly string[];
  /** Inventory (Sale Report.csv) categories for this Amazon category, with shares of styles. */
  inventoryCategories: readonly Weighted<string>[];
  /** Category name in the price lists. */
  priceListCategory: string;
}

export const SAMPLE_PROFILE = {
  /** Amazon Sale Report.csv: rows in the real file (the default --rows). */
  amazonRows: 128_975,
  firstDate: '2022-03-31',
  lastDate: '2022-06-29',
  /** Order lines per day on the first and last day (both are partial days in the export). */
  firstDayLines: 170,
  lastDayLines: 660,
  /** Mean order lines per day in 7-day blocks starting 2022-04-01 (April flat, an early-May peak, June decline). */
  weeklyLinesPerDay: [1560, 1660, 1720, 1630, 1800, 1300, 1230, 1190, 1360, 1500, 1360, 1210, 1120],
  /** Day-of-week factor, Monday first (ratio to a centred 7-day moving average). */
  dayOfWeekFactor: [1.0, 1.02, 1.03, 0.98, 0.94, 0.98, 1.05],

  /** Lines per order (120,378 orders for 128,975 lines). */
  linesPerOrder: [
    [1, 0.943],
    [2, 0.047],
    [3, 0.0071],
    [4, 0.0018],
    [5, 0.00056],
    [6, 0.00013],
    [7, 0.00011],
    [8, 0.00006],
    [10, 0.00004],
  ] as const satisfies readonly Weighted<number>[],

  /** Order ID prefixes ('405-8078784-5731545'): eight prefixes with near-equal shares, 408 a little ahead. */
  orderIdPrefixes: [
    ['408', 0.142],
    ['406', 0.126],
    ['403', 0.124],
    ['171', 0.123],
    ['404', 0.122],
    ['402', 0.122],
    ['407', 0.121],
    ['405', 0.12],
  ] as const satisfies readonly Weighted<string>[],

  /** Fulfilment with the channel, service level and fulfilled-by that always go with it. */
  channels: [
    {
      fulfilment: 'Amazon',
      salesChannel: 'Amazon.in',
      serviceLevel: 'Expedited',
      fulfilledBy: '',
      share: 0.687,
    },
    {
      fulfilment: 'Merchant',
      salesChannel: 'Amazon.in',
      serviceLevel: 'Standard',
      fulfilledBy: 'Easy Ship',
      share: 0.3045,
    },
    {
      fulfilment: 'Amazon',
      salesChannel: 'Amazon.in',
      serviceLevel: 'Standard',
      fulfilledBy: '',
      share: 0.0074,
    },
    {
      fulfilment: 'Amazon',
      salesChannel: 'Non-Amazon',
      serviceLevel: 'Standard',
      fulfilledBy: '',
      share: 0.001,
    },
  ],

  /** Status and courier status within each fulfilment (Amazon 89,698 lines, Merchant 39,277). */
  statusByFulfilment: {
    Amazon: [
      ['Shipped', 'Shipped', 0.8651],
      ['Cancelled', 'Cancelled', 0.0651],
      ['Cancelled', 'Unshipped', 0.0628],
      ['Pending', 'Unshipped', 0.0045],
      ['Shipped', 'Unshipped', 0.0013],
      ['Shipped', 'Cancelled', 0.001],
      ['Pending', 'Shipped', 0.00011],
      ['Shipping', 'Unshipped', 0.00009],
    ],
    Merchant: [
      ['Shipped - Delivered to Buyer', 'Shipped', 0.7323],
      ['Cancelled', '', 0.1747],
      ['Shipped - Returned to Seller', 'Shipped', 0.0496],
      ['Shipped - Picked Up', 'Shipped', 0.0248],
      ['Pending - Waiting for Pick Up', 'Unshipped', 0.0072],
      ['Pending', 'Unshipped', 0.0062],
      ['Shipped - Returning to Seller', 'Shipped', 0.0037],
      ['Shipped - Out for Delivery', 'Shipped', 0.0009],
      ['Shipped - Rejected by Buyer', 'Shipped', 0.0003],
      ['Shipped - Delivered to Buyer', '', 0.0002],
      ['Shipped - Lost in Transit', 'Shipped', 0.00013],
      ['Shipped - Damaged', 'Shipped', 0.00003],
    ],
  } as Record<'Amazon' | 'Merchant', readonly (readonly [string, string, number])[]>,

  /**
   * Quantity and blank Amount. Cancelled Amazon-fulfilled lines: Qty 0 for 51 %, and those have a blank Amount
   * (and blank currency). Cancelled merchant lines are all Qty 0; a quarter of them have a blank Amount.
   * Other lines: 0.2 % blank Amount (about half of those with Qty 0), 2.1 % an Amount of 0.
   */
  amounts: {
    cancelledAmazonQtyZero: 0.51,
    cancelledMerchantBlank: 0.25,
    otherBlank: 0.0021,
    otherBlankQtyZero: 0.45,
    otherZeroAmount: 0.021,
    /** Qty of lines that were not cancelled with Qty 0. */
    qty: [
      [1, 0.9966],
      [2, 0.0028],
      [3, 0.00028],
      [4, 0.00007],
      [5, 0.00002],
    ] as const satisfies readonly Weighted<number>[],
    /** Lines sold at the list price; the rest carry a discount of up to maxDiscount (per-SKU spread ≈ 3.5 %). */
    listPriceShare: 0.6,
    maxDiscount: 0.1,
  },

  /** 'True' on 0.68 % of lines. */
  b2bShare: 0.0068,
  /** 'Unnamed: 22' is 'False' on every line from May on, on 11 % of 30 April's lines, blank before. */
  unnamed22: { allFalseFrom: '2022-05-01', partialDay: '2022-04-30', partialDayShare: 0.11 },
  /** Lines with no address at all (city, state, postal code and country blank). */
  missingAddressShare: 0.00026,
  /** ship-city casing: 84 % upper, 14.6 % title case, 1.3 % lower case. */
  cityCasing: [
    ['upper', 0.84],
    ['title', 0.146],
    ['lower', 0.013],
  ] as const satisfies readonly Weighted<'upper' | 'title' | 'lower'>[],

  /** promotion-ids by fulfilment. Merchant lines mostly carry a long comma-separated list of PLCC promotions. */
  promotions: {
    Amazon: [
      ['core', 0.515],
      ['none', 0.471],
      ['duplicated', 0.0103],
      ['coupon', 0.004],
    ],
    Merchant: [
      ['plcc', 0.824],
      ['none', 0.176],
    ],
  } as Record<'Amazon' | 'Merchant', readonly Weighted<'core' | 'none' | 'duplicated' | 'coupon' | 'plcc'>[]>,
  /** The one promotion id 36 % of all lines carry. */
  corePromotion: 'IN Core Free Shipping 2015/04/08 23-48-5-108',
  /** PLCC lists hold 21 ids on average (up to 36); how many distinct lists and coupons to make up. */
  plccIdsMean: 21,
  plccListVariants: 60,
  couponVariants: 10,
  duplicatedVariants: 4,

  /** Size mix of order lines ('3XL' in the Size column, 'XXXL' in the SKU and the inventory). */
  sizes: [
    ['M', 0.176],
    ['L', 0.172],
    ['XL', 0.162],
    ['XXL', 0.14],
    ['S', 0.133],
    ['3XL', 0.115],
    ['XS', 0.087],
    ['6XL', 0.0057],
    ['5XL', 0.0043],
    ['4XL', 0.0033],
  ] as const satisfies readonly Weighted<string>[],

  categories: [
    {
      name: 'Set',
      share: 0.39,
      styles: 423,
      priceP10: 568,
      priceP50: 788,
      priceP90: 1199,
      codes: [
        { prefix: 'SET', digits: 3, share: 0.66, infix: '-KR-NP' },
        { prefix: 'J', digits: 4, share: 0.26, infix: '-SET' },
        { prefix: 'NW', digits: 3, share: 0.07, infix: '' },
        { prefix: 'PSET', digits: 3, share: 0.01, infix: '-KR' },
      ],
      inventoryCategories: [
        ['KURTA SET', 0.55],
        ['SET', 0.33],
        ['NIGHT WEAR', 0.09],
        ['LEHENGA CHOLI', 0.015],
        ['JUMPSUIT', 0.003],
      ],
      priceListCategory: 'Kurta Set',
    },
    {
      name: 'kurta',
      share: 0.387,
      styles: 532,
      priceP10: 323,
      priceP50: 436,
      priceP90: 655,
      codes: [
        { prefix: 'JNE', digits: 4, share: 0.79, infix: '-KR' },
        { prefix: 'MEN', digits: 4, share: 0.06, infix: '-KR' },
        { prefix: 'J', digits: 4, share: 0.1, infix: '-KR' },
        { prefix: 'PJNE', digits: 4, share: 0.05, infix: '-KR' },
      ],
      inventoryCategories: [
        ['KURTA', 0.99],
        ['KURTI', 0.01],
      ],
      priceListCategory: 'Kurta',
    },
    {
      name: 'Western Dress',
      share: 0.12,
      styles: 71,
      priceP10: 658,
      priceP50: 744,
      priceP90: 899,
      codes: [
        { prefix: 'JNE', digits: 4, share: 0.25, infix: '-DR' },
        { prefix: 'J', digits: 4, share: 0.75, infix: '-DR' },
      ],
      inventoryCategories: [
        ['DRESS', 0.95],
        ['KURTA', 0.05],
      ],
      priceListCategory: 'Gown',
    },
    {
      name: 'Top',
      share: 0.0824,
      styles: 142,
      priceP10: 359,
      priceP50: 529,
      priceP90: 698,
      codes: [
        { prefix: 'J', digits: 4, share: 0.57, infix: '-TP' },
        { prefix: 'JNE', digits: 4, share: 0.43, infix: '-TP' },
      ],
      inventoryCategories: [
        ['TOP', 0.73],
        ['TUNIC', 0.2],
        ['CROP TOP', 0.06],
        ['CARDIGAN', 0.01],
      ],
      priceListCategory: 'Tops',
    },
    {
      name: 'Ethnic Dress',
      share: 0.009,
      styles: 18,
      priceP10: 373,
      priceP50: 837,
      priceP90: 999,
      codes: [{ prefix: 'J', digits: 4, share: 1, infix: '-DR' }],
      inventoryCategories: [['DRESS', 1]],
      priceListCategory: 'Gown',
    },
    {
      name: 'Blouse',
      share: 0.0072,
      styles: 60,
      priceP10: 333,
      priceP50: 545,
      priceP90: 665,
      codes: [
        { prefix: 'BL', digits: 3, share: 0.92, infix: '' },
        { prefix: 'J', digits: 4, share: 0.08, infix: '-BL' },
      ],
      inventoryCategories: [['BLOUSE', 1]],
      priceListCategory: 'Blouse',
    },
    {
      name: 'Bottom',
      share: 0.0034,
      styles: 50,
      priceP10: 284,
      priceP50: 345,
      priceP90: 518,
      codes: [
        { prefix: 'BTM', digits: 3, share: 0.54, infix: '-NP' },
        { prefix: 'AN', digits: 3, share: 0.26, infix: '' },
        { prefix: 'CH', digits: 3, share: 0.2, infix: '' },
      ],
      inventoryCategories: [
        ['PALAZZO', 0.38],
        ['AN : LEGGINGS', 0.36],
        ['PANT', 0.26],
      ],
      priceListCategory: 'Bottom',
    },
    {
      name: 'Saree',
      share: 0.0013,
      styles: 71,
      priceP10: 616,
      priceP50: 790,
      priceP90: 899,
      codes: [{ prefix: 'SAR', digits: 3, share: 1, infix: '' }],
      sizes: ['Free'],
      inventoryCategories: [['SAREE', 1]],
      priceListCategory: 'Saree',
    },
    {
      name: 'Dupatta',
      share: 0.00003,
      styles: 3,
      priceP10: 305,
      priceP50: 305,
      priceP90: 305,
      codes: [{ prefix: 'DPT', digits: 3, share: 1, infix: '' }],
      sizes: ['Free'],
      inventoryCategories: [['DUPATTA', 1]],
      priceListCategory: 'Dupatta',
    },
  ] satisfies CategoryProfile[],
  /**
   * Style popularity inside a category: weight ∝ 1 / rank^styleZipf. With 0.9 the top 10 % of styles take about
   * half of a category's lines, as in the real file.
   */
  styleZipf: 0.9,
  /** List price ÷ observed median selling price (offsets discounts and zero-amount lines; tuned so the
   *  generated total Amount lands within a few % of the real 78.6M INR). */
  listPriceUplift: 1.05,

  /**
   * Ship states, one entry per canonical state or UT (names as the warehouse's canonical list), with the raw
   * spellings of the export and their share within the state, and the main cities with their share of the state's
   * lines and 3-digit PIN prefix. Cities outside the list are folded into the listed ones.
   */
  states: [
    {
      state: 'Maharashtra',
      sharePct: 17.3,
      spellings: [['MAHARASHTRA', 1]],
      cities: [
        ['MUMBAI', 0.32, '400'],
        ['PUNE', 0.21, '411'],
        ['THANE', 0.084, '400'],
        ['NAVI MUMBAI', 0.063, '400'],
        ['PIMPRI CHINCHWAD', 0.034, '411'],
        ['NAGPUR', 0.033, '440'],
      ],
    },
    {
      state: 'Karnataka',
      sharePct: 13.4,
      spellings: [['KARNATAKA', 1]],
      cities: [
        ['BENGALURU', 0.69, '560'],
        ['MYSURU', 0.024, '570'],
        ['MANGALURU', 0.021, '575'],
        ['UDUPI', 0.01, '576'],
      ],
    },
    {
      state: 'Tamil Nadu',
      sharePct: 8.91,
      spellings: [['TAMIL NADU', 1]],
      cities: [
        ['CHENNAI', 0.55, '600'],
        ['COIMBATORE', 0.078, '641'],
        ['MADURAI', 0.024, '625'],
        ['TIRUCHIRAPPALLI', 0.017, '620'],
        ['VELLORE', 0.016, '632'],
        ['SALEM', 0.015, '636'],
      ],
    },
    {
      state: 'Telangana',
      sharePct: 8.79,
      spellings: [['TELANGANA', 1]],
      cities: [
        ['HYDERABAD', 0.8, '500'],
        ['SECUNDERABAD', 0.055, '500'],
        ['WARANGAL', 0.019, '506'],
        ['KARIMNAGAR', 0.01, '505'],
      ],
    },
    {
      state: 'Uttar Pradesh',
      sharePct: 8.25,
      spellings: [['UTTAR PRADESH', 1]],
      cities: [
        ['NOIDA', 0.15, '201'],
        ['LUCKNOW', 0.15, '226'],
        ['GHAZIABAD', 0.14, '201'],
        ['GREATER NOIDA', 0.053, '201'],
        ['KANPUR', 0.051, '208'],
        ['VARANASI', 0.036, '221'],
      ],
    },
    {
      state: 'Delhi',
      sharePct: 5.47,
      spellings: [
        ['DELHI', 0.96],
        ['Delhi', 0.023],
        ['New Delhi', 0.011],
        ['delhi', 0.003],
      ],
      cities: [
        ['NEW DELHI', 0.9, '110'],
        ['DELHI', 0.051, '110'],
      ],
    },
    {
      state: 'Kerala',
      sharePct: 5.11,
      spellings: [['KERALA', 1]],
      cities: [
        ['THIRUVANANTHAPURAM', 0.1, '695'],
        ['ERNAKULAM', 0.079, '682'],
        ['THRISSUR', 0.045, '680'],
        ['KOZHIKODE', 0.037, '673'],
        ['PALAKKAD', 0.036, '678'],
        ['KOTTAYAM', 0.031, '686'],
      ],
    },
    {
      state: 'West Bengal',
      sharePct: 4.62,
      spellings: [['WEST BENGAL', 1]],
      cities: [
        ['KOLKATA', 0.48, '700'],
        ['NEW TOWN', 0.042, '700'],
        ['HOWRAH', 0.038, '711'],
        ['SILIGURI', 0.032, '734'],
        ['DURGAPUR', 0.022, '713'],
        ['BIDHAN NAGAR', 0.019, '700'],
      ],
    },
    {
      state: 'Andhra Pradesh',
      sharePct: 4.21,
      spellings: [['ANDHRA PRADESH', 1]],
      cities: [
        ['VISAKHAPATNAM', 0.16, '530'],
        ['VIJAYAWADA', 0.088, '520'],
        ['GUNTUR', 0.078, '522'],
        ['NELLORE', 0.053, '524'],
        ['TIRUPATI', 0.045, '517'],
        ['KAKINADA', 0.03, '533'],
      ],
    },
    {
      state: 'Gujarat',
      sharePct: 3.48,
      spellings: [['Gujarat', 1]],
      cities: [
        ['AHMEDABAD', 0.32, '380'],
        ['VADODARA', 0.16, '390'],
        ['SURAT', 0.13, '395'],
        ['RAJKOT', 0.049, '360'],
        ['GANDHINAGAR', 0.03, '382'],
        ['VAPI', 0.015, '396'],
      ],
    },
    {
      state: 'Haryana',
      sharePct: 3.42,
      spellings: [['HARYANA', 1]],
      cities: [
        ['GURUGRAM', 0.44, '122'],
        ['FARIDABAD', 0.19, '121'],
        ['PANCHKULA', 0.034, '134'],
        ['SONIPAT', 0.027, '131'],
        ['ROHTAK', 0.018, '124'],
        ['PANIPAT', 0.018, '132'],
      ],
    },
    {
      state: 'Rajasthan',
      sharePct: 2.11,
      spellings: [
        ['RAJASTHAN', 0.97],
        ['Rajasthan', 0.02],
        ['rajasthan', 0.0022],
        ['Rajshthan', 0.0011],
        ['RJ', 0.00074],
      ],
      cities: [
        ['JAIPUR', 0.39, '302'],
        ['UDAIPUR', 0.078, '313'],
        ['JODHPUR', 0.065, '342'],
        ['KOTA', 0.046, '324'],
        ['AJMER', 0.032, '305'],
        ['ALWAR', 0.03, '301'],
      ],
    },
    {
      state: 'Madhya Pradesh',
      sharePct: 1.96,
      spellings: [['MADHYA PRADESH', 1]],
      cities: [
        ['INDORE', 0.22, '452'],
        ['BHOPAL', 0.2, '462'],
        ['JABALPUR', 0.077, '482'],
        ['GWALIOR', 0.063, '474'],
        ['UJJAIN', 0.022, '456'],
        ['REWA', 0.021, '486'],
      ],
    },
    {
      state: 'Odisha',
      sharePct: 1.66,
      spellings: [
        ['ODISHA', 0.99],
        ['Odisha', 0.0098],
        ['Orissa', 0.00094],
        ['orissa', 0.00047],
      ],
      cities: [
        ['BHUBANESWAR', 0.36, '751'],
        ['CUTTACK', 0.094, '753'],
        ['BERHAMPUR', 0.05, '760'],
        ['ROURKELA', 0.049, '769'],
        ['SAMBALPUR', 0.021, '768'],
        ['BALESHWAR', 0.016, '756'],
      ],
    },
    {
      state: 'Bihar',
      sharePct: 1.64,
      spellings: [
        ['BIHAR', 0.99],
        ['Bihar', 0.013],
        ['bihar', 0.00047],
      ],
      cities: [
        ['PATNA', 0.39, '800'],
        ['MUZAFFARPUR', 0.052, '842'],
        ['BHAGALPUR', 0.033, '812'],
        ['GAYA', 0.033, '823'],
        ['RAXAUL BAZAR', 0.029, '845'],
        ['DARBHANGA', 0.024, '846'],
      ],
    },
    {
      state: 'Punjab',
      sharePct: 1.49,
      spellings: [
        ['PUNJAB', 0.97],
        ['Punjab', 0.018],
        ['punjab', 0.0073],
        ['PB', 0.00052],
      ],
      cities: [
        ['MOHALI', 0.15, '160'],
        ['LUDHIANA', 0.12, '141'],
        ['JALANDHAR', 0.11, '144'],
        ['AMRITSAR', 0.087, '143'],
        ['ZIRAKPUR', 0.08, '140'],
        ['PATIALA', 0.055, '147'],
      ],
    },
    {
      state: 'Assam',
      sharePct: 1.29,
      spellings: [['ASSAM', 1]],
      cities: [
        ['GUWAHATI', 0.44, '781'],
        ['SILCHAR', 0.048, '788'],
        ['DIBRUGARH', 0.041, '786'],
        ['JORHAT', 0.039, '785'],
        ['TEZPUR', 0.035, '784'],
        ['NAGAON', 0.033, '782'],
      ],
    },
    {
      state: 'Uttarakhand',
      sharePct: 1.2,
      spellings: [['UTTARAKHAND', 1]],
      cities: [
        ['DEHRADUN', 0.41, '248'],
        ['HALDWANI', 0.091, '263'],
        ['HARIDWAR', 0.045, '249'],
        ['ROORKEE', 0.044, '247'],
        ['RISHIKESH', 0.034, '249'],
        ['PITHORAGARH', 0.031, '262'],
      ],
    },
    {
      state: 'Jharkhand',
      sharePct: 1.13,
      spellings: [['JHARKHAND', 1]],
      cities: [
        ['RANCHI', 0.33, '834'],
        ['JAMSHEDPUR', 0.21, '831'],
        ['DHANBAD', 0.073, '826'],
        ['BOKARO STEEL CITY', 0.069, '827'],
        ['HAZARIBAGH', 0.032, '825'],
        ['GIRIDIH', 0.025, '815'],
      ],
    },
    {
      state: 'Goa',
      sharePct: 0.882,
      spellings: [
        ['GOA', 0.97],
        ['Goa', 0.026],
        ['goa', 0.0044],
      ],
      cities: [
        ['MARGAO', 0.098, '403'],
        ['VASCO DA GAMA', 0.095, '403'],
        ['PANAJI', 0.086, '403'],
        ['MAPUSA', 0.058, '403'],
        ['PORVORIM', 0.053, '403'],
        ['PONDA', 0.04, '403'],
      ],
    },
    {
      state: 'Chhattisgarh',
      sharePct: 0.705,
      spellings: [['CHHATTISGARH', 1]],
      cities: [
        ['RAIPUR', 0.24, '492'],
        ['BHILAI', 0.14, '490'],
        ['BILASPUR', 0.11, '495'],
        ['DURG', 0.05, '491'],
        ['KORBA', 0.043, '495'],
        ['RAIGARH', 0.039, '496'],
      ],
    },
    {
      state: 'Himachal Pradesh',
      sharePct: 0.611,
      spellings: [['HIMACHAL PRADESH', 1]],
      cities: [
        ['SHIMLA', 0.19, '171'],
        ['MANDI', 0.088, '175'],
        ['KANGRA', 0.066, '176'],
        ['CHAMBA', 0.063, '176'],
        ['SOLAN', 0.048, '173'],
        ['HAMIRPUR', 0.041, '177'],
      ],
    },
    {
      state: 'Jammu and Kashmir',
      sharePct: 0.544,
      spellings: [['JAMMU & KASHMIR', 1]],
      cities: [
        ['JAMMU', 0.39, '180'],
        ['SRINAGAR', 0.24, '190'],
        ['LEH', 0.041, '194'],
        ['KATHUA', 0.033, '184'],
        ['UDHAMPUR', 0.03, '182'],
        ['KULGAM', 0.021, '192'],
      ],
    },
    {
      state: 'Puducherry',
      sharePct: 0.272,
      spellings: [
        ['PUDUCHERRY', 0.99],
        ['Pondicherry', 0.0028],
        ['Puducherry', 0.0028],
      ],
      cities: [
        ['PUDUCHERRY', 0.74, '605'],
        ['KARAIKAL', 0.1, '609'],
        ['PILLAIARKUPPAM', 0.031, '607'],
      ],
    },
    {
      state: 'Chandigarh',
      sharePct: 0.258,
      spellings: [
        ['CHANDIGARH', 0.97],
        ['Chandigarh', 0.033],
      ],
      cities: [['CHANDIGARH', 0.96, '160']],
    },
    {
      state: 'Manipur',
      sharePct: 0.245,
      spellings: [
        ['MANIPUR', 0.98],
        ['Manipur', 0.016],
      ],
      cities: [
        ['IMPHAL', 0.69, '795'],
        ['THOUBAL', 0.082, '795'],
        ['LEIMAKHONG TOWN', 0.054, '795'],
        ['IMPHAL EAST', 0.051, '795'],
        ['IMPHAL WEST', 0.041, '795'],
      ],
    },
    {
      state: 'Andaman and Nicobar Islands',
      sharePct: 0.199,
      spellings: [['ANDAMAN & NICOBAR ', 1]],
      cities: [
        ['PORT BLAIR', 0.7, '744'],
        ['PROTHRAPUR', 0.078, '744'],
        ['BAMBOOFLAT', 0.039, '744'],
        ['FERRARGUNJ', 0.039, '744'],
        ['HADDO', 0.012, '744'],
        ['GREAT NICOBAR', 0.012, '744'],
      ],
    },
    {
      state: 'Meghalaya',
      sharePct: 0.161,
      spellings: [
        ['MEGHALAYA', 0.99],
        ['Meghalaya', 0.014],
      ],
      cities: [
        ['SHILLONG', 0.64, '793'],
        ['TURA', 0.19, '794'],
        ['JOWAI', 0.058, '793'],
        ['MAWLAI', 0.024, '793'],
        ['EAST KHASI HILLS', 0.024, '793'],
      ],
    },
    {
      state: 'Sikkim',
      sharePct: 0.159,
      spellings: [
        ['SIKKIM', 0.99],
        ['Sikkim', 0.015],
      ],
      cities: [
        ['GANGTOK', 0.29, '737'],
        ['UPPER TADONG', 0.14, '737'],
        ['NAMCHI', 0.11, '737'],
        ['RANGPO', 0.11, '737'],
        ['SINGTAM', 0.098, '737'],
        ['JORETHANG', 0.063, '737'],
      ],
    },
    {
      state: 'Nagaland',
      sharePct: 0.145,
      spellings: [
        ['NAGALAND', 0.98],
        ['NL', 0.011],
        ['Nagaland', 0.0053],
      ],
      cities: [
        ['DIMAPUR', 0.79, '797'],
        ['KOHIMA', 0.13, '797'],
        ['CHUMUKEDIMA', 0.043, '797'],
        ['MOKOKCHUNG', 0.016, '798'],
      ],
    },
    {
      state: 'Tripura',
      sharePct: 0.117,
      spellings: [['TRIPURA', 1]],
      cities: [
        ['AGARTALA', 0.73, '799'],
        ['KUMARGHAT', 0.046, '799'],
        ['SONAMURA', 0.046, '799'],
        ['WEST TRIPURA', 0.033, '799'],
        ['DHARMANAGAR', 0.026, '799'],
        ['KAILASAHAR', 0.02, '799'],
      ],
    },
    {
      state: 'Arunachal Pradesh',
      sharePct: 0.114,
      spellings: [
        ['ARUNACHAL PRADESH', 0.96],
        ['Arunachal Pradesh', 0.02],
        ['Arunachal pradesh', 0.014],
        ['AR', 0.0068],
      ],
      cities: [
        ['ITANAGAR', 0.43, '791'],
        ['NAHARLAGUN', 0.17, '791'],
        ['ALONG', 0.082, '791'],
        ['TEZU', 0.048, '792'],
        ['NAMSAI', 0.048, '792'],
        ['PASIGHAT', 0.041, '791'],
      ],
    },
    {
      state: 'Mizoram',
      sharePct: 0.0589,
      spellings: [
        ['MIZORAM', 0.99],
        ['Mizoram', 0.013],
      ],
      cities: [
        ['AIZAWL', 0.87, '796'],
        ['LUNGLEI', 0.079, '796'],
        ['SAIHA', 0.026, '796'],
        ['FALKAWN', 0.013, '796'],
        ['LAWNGTLAI', 0.013, '796'],
      ],
    },
    {
      state: 'Dadra and Nagar Haveli and Daman and Diu',
      sharePct: 0.0543,
      spellings: [['DADRA AND NAGAR', 1]],
      cities: [
        ['DIU', 0.29, '362'],
        ['SILVASSA', 0.26, '396'],
        ['DAMAN', 0.21, '396'],
        ['ALOK CITY', 0.1, '396'],
        ['NANI DAMAN', 0.029, '396'],
        ['MOTI DAMAN', 0.014, '396'],
      ],
    },
    {
      state: 'Ladakh',
      sharePct: 0.0333,
      spellings: [['LADAKH', 1]],
      cities: [
        ['LEH', 0.77, '194'],
        ['CHOGLAMSAR', 0.093, '194'],
      ],
    },
    {
      state: 'Lakshadweep',
      sharePct: 0.0031,
      spellings: [['LAKSHADWEEP', 1]],
      cities: [
        ['AGATTI', 0.5, '682'],
        ['KALPENI', 0.25, '682'],
        ['KAVARATTI', 0.25, '682'],
      ],
    },
  ] as readonly {
    state: string;
    sharePct: number;
    spellings: readonly Weighted<string>[];
    cities: readonly (readonly [string, number, string])[];
  }[],

  /** Sale Report.csv (inventory). */
  inventory: {
    /** Share of the Amazon catalog's SKUs listed (they cover 94 % of order lines in the real files). */
    catalogCoverage: 0.94,
    /** SKUs of styles only in the warehouse (not sold on Amazon in the period), as a share of listed SKUs. */
    extraShare: 0.03,
    /** Rows with a Design No. but no SKU Code, and fully empty trailing rows (",,,,,,"). */
    rowsWithoutSku: 47,
    emptyTrailingRows: 36,
    /** Stock: 6 % zero, else lognormal with median 8 (mean ≈ 26). */
    zeroStockShare: 0.06,
    stockMedian: 8,
    stockSigma: 1.5,
    colors: [
      ['Blue', 0.085],
      ['Pink', 0.085],
      ['Black', 0.072],
      ['Green', 0.07],
      ['Maroon', 0.053],
      ['Grey', 0.05],
      ['White', 0.045],
      ['Teal', 0.042],
      ['Mustard', 0.041],
      ['Yellow', 0.038],
      ['Peach', 0.038],
      ['Red', 0.037],
      ['Navy Blue', 0.03],
      ['Orange', 0.025],
      ['Beige', 0.025],
      ['Light Green', 0.02],
      ['Multicolor', 0.02],
      ['Sea Green', 0.015],
      ['Brown', 0.012],
      ['Gold', 0.01],
    ] as const satisfies readonly Weighted<string>[],
  },

  /** P  L March 2021.csv and May-2022.csv (price lists, one row per SKU). */
  priceList: {
    /** Rows in the real files (March has one row fewer). */
    rows: 1330,
    /** Share of rows that are legacy 'Os…' styles not sold on Amazon, with 'Nill' catalog, category, weight. */
    legacyShare: 0.055,
    catalogs: [
      ['Mix', 0.66],
      ['Surmaya', 0.15],
      ['Rozana', 0.04],
      ['Colors-8', 0.04],
      ['Moments', 0.04],
    ] as const satisfies readonly Weighted<string>[],
    /** MRP is about 3.2× the typical Amazon selling price, ending in 95; the transfer price about 24 % of MRP. */
    mrpToPrice: 3.2,
    transferPriceShare: 0.24,
    /** March's second transfer price ('TP 2') is about 81 % of the first. */
    transferPrice2Share: 0.81,
    /** Rows whose marketplace MRPs are all 'Nill' (8 %), rows with '#VALUE!' transfer prices (6 per file). */
    nillMrpShare: 0.08,
    valueErrorRows: 6,
    /** Styles repriced between March 2021 and May 2022. */
    repricedShare: 0.1,
  },

  /** International sale Report.csv (wholesale, Jun-21..May-22). */
  international: {
    /** First-section rows per Amazon row in the real files (18,635 / 128,975). */
    rowsPerAmazonRow: 0.1445,
    /** Upper bound on the first section (about 10× the real file's). */
    maxFirstSectionRows: 200_000,
    /** The SKU/stock block between the sections, and the second section's repeat of the first. */
    skuBlockShare: 0.056,
    secondSectionShare: 0.95,
    customers: 157,
    /** Lines by month. */
    months: [
      ['2021-06', 667],
      ['2021-07', 1297],
      ['2021-08', 1039],
      ['2021-09', 1497],
      ['2021-10', 3098],
      ['2021-11', 1816],
      ['2021-12', 1036],
      ['2022-01', 1142],
      ['2022-02', 3380],
      ['2022-03', 2263],
      ['2022-04', 1112],
      ['2022-05', 288],
    ] as const satisfies readonly Weighted<string>[],
    pcs: [
      [1, 0.864],
      [2, 0.075],
      [3, 0.025],
      [4, 0.01],
      [5, 0.012],
      [6, 0.009],
      [8, 0.003],
      [7, 0.0006],
    ] as const satisfies readonly Weighted<number>[],
    /** SKU left blank on 7.6 % of lines; a few lines are shipping charges (Style and SKU 'SHIPPING'). */
    blankSkuShare: 0.076,
    shippingShare: 0.006,
    /** Wholesale rate relative to the Amazon unit price. */
    rateToPrice: 1.35,
  },
} as const;

export type SampleProfile = typeof SAMPLE_PROFILE;
