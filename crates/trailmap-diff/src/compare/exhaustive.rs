//! Every field of the model is either compared by the diff or deliberately
//! left out: a field added to the model fails to compile here until the
//! diff decides what it means.

use trailmap::{Phase, Resource, Roadmap, Skill};

const _: fn(&Roadmap) = |r| {
    let Roadmap {
        schema: _,
        id: _,
        title: _,
        version: _,
        summary: _,
        audience: _,
        target_role: _,
        duration: _,
        hours_per_week: _,
        source: _,
        license: _,
        tags: _,
        principles: _,
        skills: _,
        phases: _,
        projects: _,
        practices: _,
        milestones: _,
        exclusions: _,
        areas: _,
        extensions: _,
    } = r;
};
const _: fn(&Skill) = |s| {
    let Skill {
        id: _,
        name: _,
        description: _,
        note: _,
        area: _,
        level: _,
        effort_hours: _,
        optional: _,
        topics: _,
        prerequisites: _,
        resources: _,
        aliases: _,
        former_ids: _,
        extensions: _,
    } = s;
};
const _: fn(&Phase) = |p| {
    let Phase {
        id: _,
        title: _,
        kind: _,
        span: _,
        parallel: _,
        ongoing: _,
        goal: _,
        description: _,
        topics: _,
        skills: _,
        tasks: _,
        phases: _,
        extensions: _,
    } = p;
};
const _: fn(&trailmap::Project, &trailmap::Practice, &trailmap::Milestone, &trailmap::Criterion) = |p, r, m, c| {
    let trailmap::Project {
        id: _,
        title: _,
        number: _,
        description: _,
        phase: _,
        skills: _,
        deliverables: _,
        optional: _,
        extensions: _,
    } = p;
    let trailmap::Practice { id: _, cadence: _, activity: _, topics: _, phase: _, skills: _, extensions: _ } = r;
    let trailmap::Milestone { id: _, title: _, kind: _, description: _, phase: _, criteria: _, extensions: _ } = m;
    let trailmap::Criterion { text: _, skills: _, target: _, done: _, extensions: _ } = c;
};
const _: fn(&trailmap::Exclusion, &trailmap::Area, &Resource, &trailmap::Task) = |e, a, r, t| {
    let trailmap::Exclusion { id: _, title: _, reason: _, phase: _, skill: _, extensions: _ } = e;
    let trailmap::Area { id: _, name: _, description: _, skills: _, extensions: _ } = a;
    let Resource { title: _, url: _, kind: _, extensions: _ } = r;
    let trailmap::Task { text: _, skills: _, deliverables: _, project: _, extensions: _ } = t;
};
