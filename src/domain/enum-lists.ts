// The coded values' lists, without their zod schemas (src/domain/enums.ts adds those): the web app's value lists
// import this file, so zod stays out of the first load (issue 14, bench/bundle.ts).
export const unitKinds = ['province', 'district', 'commune', 'ward', 'cell'] as const;
export const cellKinds = ['village', 'hamlet', 'residential_group', 'agency', 'school', 'enterprise', 'other'] as const;
export const sexes = ['male', 'female'] as const;
export const educationLevels = ['none', 'intermediate', 'college', 'university', 'master', 'doctorate'] as const;
export const theoryLevels = ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] as const;
export const cellPositions = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export const concurrentPosts = ['village_head', 'front_committee_head', 'commune_official', 'other'] as const;
export const equipmentKinds = ['laptop', 'tablet', 'phone'] as const;
export const personStatuses = ['active', 'left', 'deceased'] as const;
export const roles = ['province_admin', 'commune_officer', 'inspection_officer', 'cell_secretary', 'member', 'editor'] as const;
