import { all, any, has } from '../criteria.js';
import { DOC, mtus, odg, pages } from '../documents.js';
import type { Criterion, GuidelineEntry } from '../types.js';

/**
 * Spine imaging: "unequivocal objective findings that identify specific nerve
 * compromise on the neurologic examination are sufficient evidence to warrant
 * imaging in patients who do not respond to treatment and who would consider
 * surgery an option", or red flags.
 */
const spineImaging: Criterion = any(
  has('red-flags', 'red-flag', 'red flags for a serious condition (fracture, tumor, infection, cauda equina, progressive neurologic deficit)'),
  all(
    has('nerve-compromise', 'neuro-deficit', 'unequivocal objective findings of specific nerve compromise on the neurologic examination'),
    any(has('failed-conservative', 'failed-conservative-care', 'no response to conservative treatment'), has('surgery', 'surgery-planned', 'surgery considered as an option')),
  ),
);

const SPINE = (ch: string, p: string) => `MTUS ACOEM ${ch}, Special Studies and Diagnostic Considerations ${p}; letters cite "Section(s): Special Studies"`;

export const IMAGING_ENTRIES: GuidelineEntry[] = [
  {
    id: 'mri-lumbar',
    title: 'Lumbar spine MRI',
    citation: mtus(DOC.lowBack, ['Special Studies'], pages(303, 305)),
    scope: { procedures: ['mri'], regions: ['lumbar', 'thoracolumbar'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Unequivocal objective findings that identify specific nerve compromise on the neurologic examination are sufficient evidence to warrant imaging in patients who do not respond to treatment and who would consider surgery an option; imaging is otherwise reserved for red flags such as cauda equina syndrome, tumor, infection or fracture.',
    criteria: spineImaging,
    provenance: SPINE('Chapter 12 Low Back Complaints', 'pp.303-305 (Table 12-8 p.309)'),
  },
  {
    id: 'mri-cervical',
    title: 'Cervical and thoracic spine MRI',
    citation: mtus(DOC.neck, ['Special Studies'], pages(177, 179)),
    scope: { procedures: ['mri'], regions: ['cervical', 'thoracic'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Imaging of the neck is warranted for emergence of a red flag, physiologic evidence of tissue insult or neurologic dysfunction, failure to progress in a strengthening program intended to avoid surgery, or clarification of anatomy before an invasive procedure.',
    criteria: spineImaging,
    provenance: SPINE('Chapter 8 Neck and Upper Back Complaints', 'pp.177-179 (Table 8-8 p.182)'),
  },
  {
    id: 'ct-cervical',
    title: 'Cervical and thoracic spine CT',
    citation: mtus(DOC.neck, ['Special Studies'], pages(177, 179)),
    scope: { procedures: ['ct scan'], regions: ['cervical', 'thoracic'] },
    recommendation: 'recommended-with-criteria',
    summary: 'CT is the study of choice for bony structures when physiologic evidence indicates tissue insult or nerve impairment, or with suspected or known trauma and fracture.',
    criteria: spineImaging,
    provenance: SPINE('Chapter 8 Neck and Upper Back Complaints', 'pp.177-179'),
  },
  {
    id: 'ct-lumbar',
    title: 'Lumbar spine CT',
    citation: mtus(DOC.lowBack, ['Special Studies'], pages(303, 305)),
    scope: { procedures: ['ct scan'], regions: ['lumbar', 'thoracolumbar'] },
    recommendation: 'recommended-with-criteria',
    summary: 'CT of the lumbar spine is reserved for red flags or for clarifying bony anatomy when nerve compromise is found on examination in a patient considering surgery.',
    criteria: spineImaging,
    provenance: SPINE('Chapter 12 Low Back Complaints', 'pp.303-305'),
  },
  {
    id: 'mri-shoulder',
    title: 'Shoulder MRI',
    citation: mtus(DOC.shoulder, ['Special Studies'], pages(207, 209)),
    scope: { procedures: ['mri', 'ct scan'], regions: ['shoulder'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Imaging of the shoulder is indicated for emergence of a red flag, physiologic evidence of tissue insult or neurovascular dysfunction, failure to progress in a strengthening program intended to avoid surgery, or clarification of anatomy before an invasive procedure (e.g. a full-thickness rotator cuff tear not responding to conservative treatment).',
    criteria: any(
      has('red-flags', 'red-flag', 'red flags for a serious shoulder condition'),
      all(has('failed-conservative', 'failed-conservative-care', 'failure to progress in a strengthening program (conservative care)'), any(has('structural', 'shoulder-structural', 'signs of a structural lesion (tear, instability, impingement)'), has('deficit', 'objective-deficit', 'persistent objective deficits'), has('surgery', 'surgery-planned', 'surgery considered'))),
    ),
    provenance: 'MTUS ACOEM Chapter 9 Shoulder Complaints, Special Studies pp.207-209 (Table 9-6 p.214); letters cite "Section(s): Special Studies"',
  },
  {
    id: 'mri-knee',
    title: 'Knee MRI',
    citation: mtus(DOC.knee, ['Special Studies'], pages(341, 343)),
    scope: { procedures: ['mri', 'ct scan'], regions: ['knee'] },
    recommendation: 'recommended-with-criteria',
    summary: 'Special studies are not needed to evaluate most knee complaints until after a period of conservative care and observation; MRI can confirm a meniscal or ligament tear suspected on history and examination when conservative care has failed, or evaluate red flags.',
    criteria: any(
      has('red-flags', 'red-flag', 'red flags (fracture, infection, tumor)'),
      all(has('derangement', 'knee-derangement', 'clinical signs of internal derangement (meniscal or ligament tear)'), has('failed-conservative', 'failed-conservative-care', 'a period of failed conservative care')),
    ),
    provenance: 'MTUS ACOEM Chapter 13 Knee Complaints, Special Studies pp.341-343 (Table 13-5 p.343)',
  },
  {
    id: 'mri-hand',
    title: 'Wrist and hand imaging',
    citation: mtus(DOC.hand, ['Special Studies'], pages(268, 269)),
    scope: { procedures: ['mri', 'ct scan', 'x-ray'], regions: ['wrist', 'hand', 'forearm'] },
    recommendation: 'limited',
    summary: 'For most forearm, wrist and hand complaints special studies are not needed until after a 4-6 week period of conservative care and observation; MRI is reserved for red flags, suspected infection or occult fracture.',
    criteria: any(has('red-flags', 'red-flag', 'red flags (fracture, infection, tumor)'), all(has('failed-conservative', 'failed-conservative-care', '4-6 weeks of failed conservative care'), has('deficit', 'neuro-deficit', 'physiologic evidence of tissue insult or neurovascular dysfunction'))),
    provenance: 'MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints, Special Studies pp.268-269 (Table 11-6 p.269)',
  },
  {
    id: 'mri-elbow',
    title: 'Elbow imaging',
    citation: mtus(DOC.elbow, ['Special Studies']),
    scope: { procedures: ['mri', 'ct scan', 'x-ray'], regions: ['elbow'] },
    recommendation: 'limited',
    summary: 'Elbow imaging is recommended for red flags or when conservative care has failed and surgery is considered.',
    criteria: any(has('red-flags', 'red-flag', 'red flags'), all(has('failed-conservative', 'failed-conservative-care', 'failed conservative care'), has('surgery', 'surgery-planned', 'surgery considered'))),
    provenance: 'MTUS ACOEM Chapter 10 Elbow Disorders (revised 2007), diagnostic recommendations; cited without pages',
  },
  {
    id: 'mri-foot',
    title: 'Ankle and foot imaging',
    citation: mtus(DOC.ankle, ['Special Studies'], pages(372, 374)),
    scope: { procedures: ['mri', 'ct scan', 'x-ray'], regions: ['ankle', 'foot'] },
    recommendation: 'limited',
    summary: 'Special studies of the ankle and foot are not needed until after a period of conservative care, unless red flags (fracture) are present; MRI may help clarify a diagnosis such as osteochondritis dissecans when conservative care has failed.',
    criteria: any(has('red-flags', 'red-flag', 'red flags (fracture, infection, tumor)'), all(has('failed-conservative', 'failed-conservative-care', 'a period of failed conservative care'), has('deficit', 'objective-deficit', 'objective findings that imaging could clarify'))),
    provenance: 'MTUS ACOEM Chapter 14 Ankle and Foot Complaints, Special Studies pp.372-374 (Table 14-5 p.375)',
  },
  {
    id: 'imaging-hip',
    title: 'Hip and pelvis imaging',
    citation: odg(DOC.odgHip, ['MRI (magnetic resonance imaging)', 'X-Ray']),
    scope: { procedures: ['mri', 'ct scan', 'x-ray'], regions: ['hip', 'pelvis'] },
    recommendation: 'limited',
    summary: 'Hip imaging is recommended for osseous, articular or soft-tissue abnormalities suspected on examination (occult fracture, osteonecrosis, labral tear) and after severe injury; plain films first.',
    criteria: any(has('red-flags', 'red-flag', 'red flags (fracture, osteonecrosis, tumor)'), all(has('failed-conservative', 'failed-conservative-care', 'failed conservative care'), has('deficit', 'objective-deficit', 'abnormal examination findings'))),
    provenance: 'ODG Hip and Pelvis chapter, MRI and X-ray (the MTUS ACOEM chapters do not address the hip)',
  },
  {
    id: 'xray-lumbar',
    title: 'Lumbar spine radiographs',
    citation: mtus(DOC.lowBack, ['Special Studies'], pages(303)),
    scope: { procedures: ['x-ray'], regions: ['lumbar', 'thoracolumbar'] },
    recommendation: 'limited',
    summary: 'Lumbar spine x-rays should not be recommended in patients with low back pain in the absence of red flags for serious spinal pathology, even if the pain has persisted for at least six weeks.',
    criteria: has('red-flags', 'red-flag', 'red flags for serious spinal pathology (fracture, tumor, infection)'),
    provenance: 'MTUS ACOEM Chapter 12 Low Back Complaints, Special Studies p.303',
  },
  {
    id: 'xray-cervical',
    title: 'Cervical spine radiographs',
    citation: mtus(DOC.neck, ['Special Studies'], pages(177, 178)),
    scope: { procedures: ['x-ray'], regions: ['cervical', 'thoracic'] },
    recommendation: 'limited',
    summary: 'Initial studies are not needed unless a red flag is present or the patient fails to improve after 3-4 weeks of conservative care.',
    criteria: any(has('red-flags', 'red-flag', 'red flags (trauma, fracture, tumor, infection)'), has('failed-conservative', 'failed-conservative-care', 'no improvement after 3-4 weeks of conservative care')),
    provenance: 'MTUS ACOEM Chapter 8 Neck and Upper Back Complaints, Special Studies pp.177-178',
  },
  {
    id: 'xray-shoulder',
    title: 'Shoulder radiographs',
    citation: mtus(DOC.shoulder, ['Special Studies'], pages(207, 209)),
    scope: { procedures: ['x-ray'], regions: ['shoulder'] },
    recommendation: 'limited',
    summary: 'Routine testing is not recommended during the first month to six weeks of activity limitation due to shoulder symptoms, except when a red flag raises suspicion of a serious shoulder condition or referred pain.',
    criteria: any(has('red-flags', 'red-flag', 'red flags for a serious shoulder condition'), has('failed-conservative', 'failed-conservative-care', 'failure of 4-6 weeks of conservative care')),
    provenance: 'MTUS ACOEM Chapter 9 Shoulder Complaints, Special Studies pp.207-209',
  },
  {
    id: 'xray-knee',
    title: 'Knee radiographs',
    citation: mtus(DOC.knee, ['Special Studies'], pages(341, 343)),
    scope: { procedures: ['x-ray'], regions: ['knee'] },
    recommendation: 'limited',
    summary: 'Knee radiographs are indicated after trauma meeting the Ottawa knee rules (joint effusion, inability to bear weight, inability to flex to 90 degrees) or for red flags.',
    criteria: any(has('red-flags', 'red-flag', 'red flags (suspected fracture)'), all(has('trauma', 'trauma', 'acute trauma'), has('derangement', 'knee-derangement', 'effusion or inability to bear weight'))),
    provenance: 'MTUS ACOEM Chapter 13 Knee Complaints, Special Studies pp.341-343',
  },
];
