/** The demo organization's knowledge base: a fictional coffee brand, small enough to read, varied enough to search. */
export const DEMO_DATASET = {
  name: 'Northwind Coffee knowledge',
  description: 'Demo knowledge base of a fictional coffee roaster: products, sourcing, shipping and the brand story',
};

export const DEMO_DOCUMENTS: ReadonlyArray<{ title: string; text: string }> = [
  {
    title: 'Northwind Coffee products',
    text: `# Northwind Coffee products

## Harbor Blend
Our everyday medium roast: milk chocolate, toasted hazelnut and a clean finish. Sold as whole beans or ground for filter, in 250 g and 1 kg bags.

## Lighthouse Espresso
A dark espresso roast with notes of cocoa, molasses and cherry. It holds up in milk drinks and pulls well between 25 and 30 seconds.

## Single-origin series
Rotating light roasts from one farm at a time, released every six weeks. The current release is a washed Ethiopian Yirgacheffe with jasmine and bergamot notes.

## Decaf Nightwatch
Swiss Water Process decaf from Colombia: caramel and red apple, 99.9% caffeine free, no chemical solvents.`,
  },
  {
    title: 'Sourcing and sustainability',
    text: `# Sourcing and sustainability

Northwind buys green coffee directly from twelve partner farms in Ethiopia, Colombia, Guatemala and Sumatra. We pay at least 40% above the Fairtrade minimum price and publish the price paid for every lot on our website.

Every partner farm is visited by our green buyer at least once a year. We prefer multi-year contracts so that farmers can invest in drying beds, shade trees and processing equipment.

Our roastery in Portland runs on 100% renewable electricity. Coffee chaff and burlap sacks go to local gardens, and our bags are compostable.`,
  },
  {
    title: 'Shipping and returns policy',
    text: `# Shipping and returns policy

Orders placed before noon Pacific time ship the same working day; later orders ship the next working day. Standard shipping within the United States takes 3 to 5 working days and is free on orders over $40. Express shipping takes 1 to 2 working days and costs $12.

We ship to Canada and the European Union in 7 to 12 working days; customs duties are paid by the customer.

Subscriptions ship on the day you choose and can be paused or cancelled at any time before the next roast date.

If a bag arrives damaged or you do not enjoy a coffee, contact us within 30 days of delivery for a free replacement or a full refund. Opened bags are accepted.`,
  },
  {
    title: 'Brand story and voice',
    text: `# Brand story and voice

Northwind Coffee was founded in 2014 by two former sailors, Mara Lindqvist and Joe Okafor, who roasted their first batches on a boat moored in Portland harbor. The lighthouse in our logo is the one they steered by.

We write like a friendly ship's captain: warm, plain-spoken and precise. We avoid hype words such as "artisanal" and "best ever", and we always name where a coffee comes from and who grew it.

Our mission: honest coffee, fairly paid, roasted fresh and delivered fast.`,
  },
  {
    title: 'Brewing guide',
    text: `# Brewing guide

For pour-over use 15 g of coffee to 250 g of water at 94 °C, ground medium-fine, and aim for a total brew time of about three minutes.

For a French press use 30 g of coarse coffee to 500 g of water, steep for four minutes, then press slowly.

For espresso dose 18 g in and 36 g out in 25 to 30 seconds. Store beans in an airtight container away from light and use them within four weeks of the roast date printed on the bag.`,
  },
];
